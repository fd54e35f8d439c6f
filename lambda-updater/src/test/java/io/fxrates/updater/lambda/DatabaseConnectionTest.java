package io.fxrates.updater.lambda;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IAM database authentication: the token is signed locally with the role's credentials from the
 * container endpoint (the default chain), for the URL's host and port and the configured user.
 * That Aurora accepts it cannot be shown here (no Aurora); the token's form is AWS's presigned
 * rds-db:connect request, which is what is checked.
 */
class DatabaseConnectionTest {

    @Test
    void anIamTokenIsAPresignedConnectForTheUserSignedWithTheContainersCredentials() {
        try (ContainerCredentialsEndpoint credentials = new ContainerCredentialsEndpoint()) {
            String token = DatabaseConnection.iamToken("jdbc:postgresql://fxrates.cluster-abc.eu-central-1.rds.amazonaws.com:5432/fxrates",
                    "fxrates_writer", Map.of("AWS_REGION", "eu-central-1"));
            String decoded = URLDecoder.decode(token, StandardCharsets.UTF_8);
            assertTrue(token.startsWith("fxrates.cluster-abc.eu-central-1.rds.amazonaws.com:5432/?"), token);
            assertTrue(decoded.contains("Action=connect") && decoded.contains("DBUser=fxrates_writer"), decoded);
            assertTrue(decoded.contains("X-Amz-Credential=" + ContainerCredentialsEndpoint.ACCESS_KEY + "/"), decoded);
            assertTrue(decoded.contains("/eu-central-1/rds-db/aws4_request"), decoded);
            assertTrue(decoded.contains("X-Amz-Security-Token=container-session-token"), "the role's session token");
            assertTrue(decoded.contains("X-Amz-Expires=900"), "valid 15 minutes");
            assertTrue(decoded.contains("X-Amz-Signature="), decoded);
            assertTrue(credentials.served() >= 1);
        }
    }

    @Test
    void iamAuthenticationNeedsAUrlAUserAndARegion() {
        assertThrows(IllegalStateException.class, () -> DatabaseConnection.updater(Map.of("FXRATES_DB_IAM_AUTH", "true",
                "FXRATES_DB_URL", "jdbc:postgresql://h:5432/d"), null, "test"));
        assertThrows(IllegalStateException.class, () -> DatabaseConnection.iamToken("jdbc:postgresql://h:5432/d", "u", Map.of()));
        assertThrows(IllegalStateException.class, () -> DatabaseConnection.iamToken("postgres://h/d", "u", Map.of("AWS_REGION", "x")));
    }

    @Test
    void tlsSettingsReachTheDriver() {
        var ds = DatabaseConnection.updater(Map.of("FXRATES_DB_URL", "jdbc:postgresql://h:5432/d", "FXRATES_DB_USER", "u",
                "FXRATES_DB_SSL_MODE", "verify-full", "FXRATES_DB_SSL_ROOT_CERT", "/var/task/rds-ca/global-bundle.pem"), null, "test");
        assertEquals("verify-full", ds.getSslMode());
        assertEquals("/var/task/rds-ca/global-bundle.pem", ds.getSslRootCert());
    }
}
