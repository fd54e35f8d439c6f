package io.fxrates.updater.lambda;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.fxrates.testing.FixtureServer.Reply;
import io.fxrates.updater.tracing.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.fxrates.testing.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real AWS SDK client (url-connection HTTP, SigV4, the JSON protocol) against moto's Secrets
 * Manager, with the only credentials Lambda gives a SnapStart function: the container credentials
 * endpoint. No access-key variable and no credentials file exist for the test (see the pom): the
 * handler reads its secret with the default chain, and the endpoint saw its token.
 */
class SecretsManagerSourceTest extends LambdaTestBase {
    private static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start("SecretsManagerSourceTest");
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void theHandlerReadsTheDatabaseSecretWithContainerCredentialsOnly() {
        String keys = System.getenv("AWS_ACCESS_KEY_ID");
        assertTrue(keys == null || keys.isEmpty(), "no access-key variable: Lambda with SnapStart gives none");
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)").matcher(jdbcUrl());
        assertEquals(true, url.find());
        String arn = moto.createSecret("fxrates/db", "{\"username\":\"postgres\",\"password\":\"postgres\",\"engine\":\"postgres\",\"host\":\""
                + url.group(1) + "\",\"port\":" + url.group(2) + ",\"dbname\":\"" + url.group(3) + "\"}");
        server.on("eurofxref-daily.xml", Reply.xml(bytes("ecb/eurofxref-daily.xml")));

        try (ContainerCredentialsEndpoint credentials = new ContainerCredentialsEndpoint()) {
            Map<String, String> env = Map.of(
                    "FXRATES_DB_SECRET_ARN", arn,
                    "FXRATES_SECRETS_ENDPOINT", moto.endpoint(),
                    "AWS_REGION", "eu-central-1",
                    "FXRATES_ECB_BASE_URL", server.baseUrl());
            ScheduledUpdateHandler handler = new ScheduledUpdateHandler(env, SecretsManagerSource::new, Tracer.NONE,
                    new PrintStream(new ByteArrayOutputStream()));
            Map<String, Object> result = handler.handleRequest(new ScheduledEvent(), LambdaContexts.withRemaining(300_000));

            assertEquals("succeeded", result.get("outcome"));
            assertEquals(9, result.get("inserted"));
            assertTrue(credentials.served() >= 1, "the SDK fetched the role's credentials from the container endpoint");
            assertEquals(0, credentials.refused(), "with the authorization token");
        }
    }
}
