package io.fxrates.updater.lambda;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * AWS Secrets Manager through the AWS SDK v2 with the JDK-based url-connection HTTP client (no
 * Netty, no Apache client: a smaller zip and a faster cold start). The client is created for one
 * invocation and closed after it, so no connection or credential is ever held in a SnapStart
 * snapshot. The region comes from AWS_REGION; the credentials from the SDK's default chain, which
 * in Lambda with SnapStart means the container credentials endpoint
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN): such functions get
 * no access-key variables.
 * FXRATES_SECRETS_ENDPOINT overrides the endpoint (a local emulator).
 */
public final class SecretsManagerSource implements SecretSource, AutoCloseable {
    private final AwsCredentialsProvider credentials = LambdaCredentials.provider();
    private final SecretsManagerClient client;

    public SecretsManagerSource(Map<String, String> env) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(5)))
                .credentialsProvider(credentials);
        String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        String endpoint = env.get("FXRATES_SECRETS_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.client = builder.build();
    }

    @Override
    public String secretString(String arn) {
        return client.getSecretValue(r -> r.secretId(arn)).secretString();
    }

    @Override
    public void close() {
        client.close();
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
