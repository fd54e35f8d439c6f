package io.fxrates.server.rates;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.function.Consumer;

import io.fxrates.server.model.ByteSink;
import io.fxrates.server.model.RatesModel;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

/**
 * JSON bodies of the rates endpoints, in Frankfurter's v1 shapes: rates and series written
 * straight from the model, conversions and changes (a few numbers) through JSON-P.
 */
final class RatesJson {

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private RatesJson() {
    }

    /** {@code {"amount":1.0,"base":"EUR","date":"2024-01-02","rates":{...}}}, for the rates of {@code day}. */
    static void day(ByteSink out, RateParameters parameters, Quotes quotes, int[] selection, int day) {
        out.writeAscii("{\"amount\":").writeAscii(parameters.displayAmount().toPlainString())
                .writeAscii(",\"base\":\"").writeAscii(parameters.base())
                .writeAscii("\",\"date\":\"").write(quotes.model().dateText(day))
                .writeAscii("\",\"rates\":");
        rates(out, quotes, selection, day);
        out.writeByte('}');
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

    /**
     * A time series, Frankfurter's shape with start_date and end_date, written as it is computed
     * from the model's arrays: {@code {"amount":1.0,"base":"EUR","start_date":...,"end_date":...,
     * "rates":{"2024-01-02":{...},...}}}.
     */
    static void series(ByteSink out, RateParameters parameters, Quotes quotes, int[] selection,
                       RateQueries.Span span, Grouping grouping) {
        RatesModel model = quotes.model();
        out.writeAscii("{\"amount\":").writeAscii(parameters.displayAmount().toPlainString())
                .writeAscii(",\"base\":\"").writeAscii(parameters.base())
                .writeAscii("\",\"start_date\":\"").writeAscii(span.startDate().toString())
                .writeAscii("\",\"end_date\":\"").writeAscii(span.endDate().toString())
                .writeAscii("\",\"rates\":{");
        boolean[] first = {true};
        RateQueries.forEachDay(model, span, quotes.base(), selection, grouping, day -> {
            if (!first[0]) {
                out.writeByte(',');
            }
            first[0] = false;
            out.writeByte('"').write(model.dateText(day)).writeAscii("\":");
            rates(out, quotes, selection, day);
        });
        out.writeAscii("}}");
    }

    private static void rates(ByteSink out, Quotes quotes, int[] selection, int day) {
        out.writeByte('{');
        boolean[] first = {true};
        RateQueries.forEachQuote(quotes, selection, day, series -> {
            if (!first[0]) {
                out.writeByte(',');
            }
            first[0] = false;
            out.writeByte('"').writeAscii(quotes.model().code(series)).writeAscii("\":");
            quotes.write(out, series, day);
        });
        out.writeByte('}');
    }

    private static byte[] render(Consumer<JsonGenerator> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            writer.accept(json);
        }
        return out.toByteArray();
    }
}
