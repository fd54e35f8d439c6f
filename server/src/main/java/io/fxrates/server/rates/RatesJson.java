package io.fxrates.server.rates;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

/** JSON bodies of the rates endpoints, in Frankfurter's v1 shapes. */
final class RatesJson {

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private RatesJson() {
    }

    /** {@code {"amount":1.0,"base":"EUR","date":"2024-01-02","rates":{...}}} */
    static byte[] day(RateParameters parameters, RateQueries.Day day) {
        return render(json -> {
            json.writeStartObject()
                    .write("amount", PlainNumber.of(parameters.displayAmount()))
                    .write("base", parameters.base())
                    .write("date", day.date().toString());
            rates(json, "rates", day.rates());
            json.writeEnd();
        });
    }

    /** A conversion: amount, from, to, date, the rate used and the result. */
    static byte[] conversion(RateQueries.Conversion conversion) {
        return render(json -> json.writeStartObject()
                .write("amount", PlainNumber.of(conversion.amount().scale() < 1 ? conversion.amount().setScale(1) : conversion.amount()))
                .write("from", conversion.from())
                .write("to", conversion.to())
                .write("date", conversion.date().toString())
                .write("rate", PlainNumber.of(conversion.rate()))
                .write("result", PlainNumber.of(conversion.result()))
                .writeEnd());
    }

    /** The change of each quote between two dates. */
    static byte[] changes(RateParameters parameters, RateQueries.Changes changes) {
        return render(json -> {
            json.writeStartObject()
                    .write("base", parameters.base())
                    .write("start_date", changes.startDate().toString())
                    .write("end_date", changes.endDate().toString())
                    .writeStartObject("rates");
            changes.changes().forEach((quote, change) -> json.writeStartObject(quote)
                    .write("start_rate", PlainNumber.of(change.startRate()))
                    .write("end_rate", PlainNumber.of(change.endRate()))
                    .write("change", PlainNumber.of(change.change()))
                    .write("change_pct", PlainNumber.of(change.percent()))
                    .writeEnd());
            json.writeEnd().writeEnd();
        });
    }

    /** A sink that writes a time series as it arrives, Frankfurter's shape with start_date and end_date. */
    static SeriesSink series(RateParameters parameters, OutputStream out) {
        JsonGenerator json = GENERATORS.createGenerator(out);
        return new SeriesSink() {
            @Override
            public void begin(LocalDate startDate, LocalDate endDate) {
                json.writeStartObject()
                        .write("amount", PlainNumber.of(parameters.displayAmount()))
                        .write("base", parameters.base())
                        .write("start_date", startDate.toString())
                        .write("end_date", endDate.toString())
                        .writeStartObject("rates");
            }

            @Override
            public void day(LocalDate date, Map<String, BigDecimal> rates) {
                RatesJson.rates(json, date.toString(), rates);
            }

            @Override
            public void end() {
                json.writeEnd().writeEnd();
                json.close();
            }
        };
    }

    private static void rates(JsonGenerator json, String name, Map<String, BigDecimal> rates) {
        json.writeStartObject(name);
        rates.forEach((code, rate) -> json.write(code, PlainNumber.of(rate)));
        json.writeEnd();
    }

    private static byte[] render(Consumer<JsonGenerator> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            writer.accept(json);
        }
        return out.toByteArray();
    }
}
