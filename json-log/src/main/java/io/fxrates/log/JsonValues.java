package io.fxrates.log;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Plain Java values as JSON-P values: maps, collections, strings, numbers, booleans and null;
 * anything else as its string. Used for log fields, reports and metric lines.
 */
public final class JsonValues {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private JsonValues() {
    }

    /** {@code value} as a JSON value. Non-finite doubles become null (JSON has no NaN). */
    public static JsonValue of(Object value) {
        return switch (value) {
            case null -> JsonValue.NULL;
            case JsonValue json -> json;
            case Map<?, ?> map -> object(map).build();
            case Collection<?> list -> {
                JsonArrayBuilder array = JSON.createArrayBuilder();
                list.forEach(item -> array.add(of(item)));
                yield array.build();
            }
            case Boolean b -> b ? JsonValue.TRUE : JsonValue.FALSE;
            case BigDecimal d -> Json.createValue(d);
            case BigInteger i -> Json.createValue(i);
            case Double d when d.isNaN() || d.isInfinite() -> JsonValue.NULL;
            case Float f when f.isNaN() || f.isInfinite() -> JsonValue.NULL;
            case Double d -> Json.createValue(d);
            case Float f -> Json.createValue(f.doubleValue());
            case Long l -> Json.createValue(l);
            case Number n -> Json.createValue(n.longValue());
            default -> Json.createValue(value.toString());
        };
    }

    /** A JSON object builder holding {@code map}'s entries, keys as strings. */
    public static JsonObjectBuilder object(Map<?, ?> map) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        map.forEach((key, value) -> object.add(String.valueOf(key), of(value)));
        return object;
    }
}
