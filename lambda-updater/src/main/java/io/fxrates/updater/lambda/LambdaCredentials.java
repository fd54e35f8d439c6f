package io.fxrates.updater.lambda;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The credentials of every AWS SDK client of the updater: the SDK's default chain. In Lambda with
 * SnapStart the function's role reaches Java through the container credentials endpoint
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN), not the access-key
 * variables, and the chain also finds those a developer's machine or a test provides. A new chain
 * for each invocation: nothing of it sits in a snapshot.
 */
final class LambdaCredentials {

    private LambdaCredentials() {
    }

    static AwsCredentialsProvider provider() {
        return DefaultCredentialsProvider.builder().build();
    }
}
