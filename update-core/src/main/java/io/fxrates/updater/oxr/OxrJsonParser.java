package io.fxrates.updater.oxr;

import io.fxrates.updater.provider.FeedException;
import io.fxrates.updater.provider.PublishedRate;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Open Exchange Rates answer: {@code {"timestamp": 1449877801, "base": "USD",
 * "rates": {"AED": 3.672538, ...}}}. The date is the timestamp's UTC date. Numbers are read as
 * BigDecimal from their text, so the published scale is kept.
 */
final class OxrJsonParser {
    static final String BASE = "USD";

    /**
     * Codes OXR publishes that are not ISO 4217 currencies in our table (crypto, metals, offshore
     * yuan, Crown dependencies' pounds, withdrawn codes): skipped on purpose. Any other unknown code
     * still reaches validation and fails the run.
     */
    static final Set<String> NOT_STORED = Set.of("BTC", "CNH", "GGP", "IMP", "JEP", "XAG", "XAU", "XPD", "XPT",
            "XDR", "CLF", "CUC", "MRO", "STD", "SVC", "VEF", "ZWL", "BYR", "SLL");

    List<PublishedRate> parse(byte[] body, String describe) {
        JsonObject root;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            root = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new FeedException(describe + " is not a JSON object: " + e.getMessage(), e);
        }
        if (root.containsKey("error")) {
            throw new FeedException(describe + " answered with an error: " + root.get("description"));
        }
        String base = root.getString("base", null);
        if (!BASE.equals(base)) {
            throw new FeedException(describe + " has base '" + base + "', expected " + BASE);
        }
        JsonValue timestamp = root.get("timestamp");
        JsonValue rates = root.get("rates");
        if (!(timestamp instanceof JsonNumber ts) || !(rates instanceof JsonObject quotes)) {
            throw new FeedException(describe + " lacks a numeric timestamp or a rates object");
        }
        LocalDate date = Instant.ofEpochSecond(ts.longValueExact()).atZone(ZoneOffset.UTC).toLocalDate();
        List<PublishedRate> out = new ArrayList<>(quotes.size());
        for (Map.Entry<String, JsonValue> e : quotes.entrySet()) {
            if (BASE.equals(e.getKey()) || NOT_STORED.contains(e.getKey())) {
                continue;
            }
            if (!(e.getValue() instanceof JsonNumber n)) {
                throw new FeedException(describe + ": the rate of " + e.getKey() + " is not a number");
            }
            out.add(new PublishedRate(date, e.getKey(), n.bigDecimalValue()));
        }
        return out;
    }
}
