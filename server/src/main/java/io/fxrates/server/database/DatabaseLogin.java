package io.fxrates.server.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.helidon.config.Config;

/**
 * Where the database is and who the server is there: the URL, the user, the password (given, or
 * read from a file for every new connection), and TLS.
 *
 * <p>A password file ({@code password-file}, FXRATES_DB_PASSWORD_FILE) is how the server survives
 * credential rotation without a restart: in AWS the host writes a fresh IAM authentication token
 * into it every five minutes (tokens live fifteen), and each new connection reads the current one.
 *
 * @param url          JDBC URL, for example {@code jdbc:postgresql://host:5432/fxrates}
 * @param user         database user
 * @param password     a fixed password (empty on the local default's loopback), when no file is given
 * @param passwordFile a file whose content is the password, read for every new connection
 * @param sslMode      pgjdbc's {@code sslmode} ({@code verify-full} in AWS), or empty for the driver's default
 * @param sslRootCert  the CA bundle that verifies the server's certificate, or empty
 */
public record DatabaseLogin(String url, String user, String password, Optional<Path> passwordFile,
                            Optional<String> sslMode, Optional<String> sslRootCert) {

    /** A login with a fixed password and no TLS settings (the local default). */
    public static DatabaseLogin of(String url, String user, String password) {
        return new DatabaseLogin(url, user, password, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The login {@code settings} ({@code fxrates.database}) describe, at {@code url}. */
    static DatabaseLogin from(Config settings, String url) {
        return new DatabaseLogin(url, settings.get("user").asString().orElse("fxrates"),
                settings.get("password").asString().orElse(""),
                nonBlank(settings.get("password-file")).map(Path::of),
                nonBlank(settings.get("ssl-mode")),
                nonBlank(settings.get("ssl-root-cert")));
    }

    private static Optional<String> nonBlank(Config value) {
        return value.asString().asOptional().map(String::strip).filter(text -> !text.isEmpty());
    }

    /** The password to connect with now: the file's content (trimmed) when there is one. */
    public String currentPassword() {
        if (passwordFile.isEmpty()) {
            return password;
        }
        try {
            return Files.readString(passwordFile.get(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the database password file " + passwordFile.get(), e);
        }
    }

    @Override
    public String toString() {
        return "DatabaseLogin[url=" + url + ", user=" + user + ", passwordFile=" + passwordFile + ", sslMode=" + sslMode + "]";
    }
}
