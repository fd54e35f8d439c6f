package io.fxrates.updater.lambda;

import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda's database connections, built per invocation from the environment:
 * <ul>
 *   <li>{@code FXRATES_DB_IAM_AUTH=true}: IAM database authentication as {@code FXRATES_DB_USER}, a
 *       token signed for this invocation with the function's role (valid 15 minutes, nothing to rotate);</li>
 *   <li>{@code FXRATES_DB_SECRET_ARN}: the user and password of a Secrets Manager secret, read now
 *       (a rotated secret is picked up by the next invocation);</li>
 *   <li>else {@code FXRATES_DB_USER} and {@code FXRATES_DB_PASSWORD} (local use, tests).</li>
 * </ul>
 * TLS: {@code FXRATES_DB_SSL_MODE} (verify-full in AWS) and {@code FXRATES_DB_SSL_ROOT_CERT} (the RDS
 * CA bundle shipped in the zip).
 */
final class DatabaseConnection {

    private static final Pattern HOST_AND_PORT = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/.*");

    private DatabaseConnection() {
    }

    /** The updater's connection. */
    static PGSimpleDataSource updater(Map<String, String> env, SecretSource secrets, String applicationName) {
        String url = blankToNull(env.get("FXRATES_DB_URL"));
        String user = env.get("FXRATES_DB_USER");
        String password = env.get("FXRATES_DB_PASSWORD");
        String secretArn = blankToNull(env.get("FXRATES_DB_SECRET_ARN"));
        if ("true".equalsIgnoreCase(blankToNull(env.get("FXRATES_DB_IAM_AUTH")))) {
            if (url == null || blankToNull(user) == null) {
                throw new IllegalStateException("IAM database authentication needs FXRATES_DB_URL and FXRATES_DB_USER");
            }
            password = iamToken(url, user, env);
        } else if (secretArn != null) {
            DatabaseSecret secret = DatabaseSecret.parse(secrets.secretString(secretArn));
            user = secret.username();
            password = secret.password();
            if (url == null) {
                url = secret.jdbcUrl();
            }
        }
        if (url == null) {
            throw new IllegalStateException("no database: set FXRATES_DB_URL, or a FXRATES_DB_SECRET_ARN secret with host");
        }
        return dataSource(env, url, user, password, applicationName);
    }

    /** The master user's connection, from {@code FXRATES_DB_MASTER_SECRET_ARN} (the bootstrap only). */
    static PGSimpleDataSource master(Map<String, String> env, SecretSource secrets) {
        String arn = blankToNull(env.get("FXRATES_DB_MASTER_SECRET_ARN"));
        if (arn == null) {
            throw new IllegalStateException("FXRATES_DB_MASTER_SECRET_ARN is not set");
        }
        DatabaseSecret secret = DatabaseSecret.parse(secrets.secretString(arn));
        String url = blankToNull(env.get("FXRATES_DB_URL"));
        if (url == null) {
            url = secret.jdbcUrl();
        }
        if (url == null) {
            throw new IllegalStateException("no database: set FXRATES_DB_URL, or give the master secret a host");
        }
        return dataSource(env, url, secret.username(), secret.password(), "fxrates-db-bootstrap");
    }

    private static PGSimpleDataSource dataSource(Map<String, String> env, String url, String user, String password,
                                                 String applicationName) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        ds.setConnectTimeout(10);
        ds.setLoginTimeout(10);
        ds.setTcpKeepAlive(true);
        ds.setApplicationName(applicationName);
        String sslMode = blankToNull(env.get("FXRATES_DB_SSL_MODE"));
        if (sslMode != null) {
            ds.setSslMode(sslMode);
        }
        String rootCert = blankToNull(env.get("FXRATES_DB_SSL_ROOT_CERT"));
        if (rootCert != null) {
            ds.setSslRootCert(rootCert);
        }
        return ds;
    }

    /** An IAM authentication token for {@code user} at the URL's host and port, signed with the function's role. */
    static String iamToken(String url, String user, Map<String, String> env) {
        Matcher m = HOST_AND_PORT.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("FXRATES_DB_URL must look like jdbc:postgresql://host:5432/db for IAM authentication");
        }
        String region = blankToNull(env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION")));
        if (region == null) {
            throw new IllegalStateException("AWS_REGION is not set: it names the region the token is signed for");
        }
        AwsCredentialsProvider credentials = LambdaCredentials.provider();
        try {
            RdsUtilities rds = RdsUtilities.builder().credentialsProvider(credentials).region(Region.of(region)).build();
            return rds.generateAuthenticationToken(b -> b.hostname(m.group(1))
                    .port(m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)))
                    .username(user));
        } finally {
            if (credentials instanceof SdkAutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
