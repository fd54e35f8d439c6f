package io.fxrates.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Which build of the server this is: its version, when it was built, the Redoc it serves (fxrates-build.properties). */
public record BuildInfo(String version, String built, String redoc) {

    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    private static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/fxrates-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(properties.getProperty("version", "dev"), properties.getProperty("built", "unknown"),
                properties.getProperty("redoc", "unknown"));
    }
}
