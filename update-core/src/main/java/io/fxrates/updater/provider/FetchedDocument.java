package io.fxrates.updater.provider;

import java.net.URI;

/** A response body that passed the HTTP checks (status 200, expected content type, not empty). */
public record FetchedDocument(URI uri, String contentType, byte[] body, int attempts) {
}
