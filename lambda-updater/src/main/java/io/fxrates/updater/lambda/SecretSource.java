package io.fxrates.updater.lambda;

/** Reads a secret's string by ARN. In AWS: Secrets Manager; in tests: a map. */
@FunctionalInterface
public interface SecretSource {
    String secretString(String arn);
}
