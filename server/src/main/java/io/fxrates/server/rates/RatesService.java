package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.http.Answers;
import io.fxrates.server.http.BuildInfo;
import io.fxrates.server.http.ProblemException;
import io.fxrates.server.http.ReadRoutes;
import io.fxrates.server.model.RatesModel;

import io.helidon.http.HttpMediaTypes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static io.fxrates.server.http.EndpointMetrics.timed;

/**
 * The rates API, Frankfurter v1 compatible, under {@code /v1}, answered from the read model.
 *
 * <pre>
 * curl http://127.0.0.1:8080/v1/latest?base=USD&amp;symbols=GBP,JPY
 * curl http://127.0.0.1:8080/v1/2020-01-01                      # answers 2019-12-31
 * curl http://127.0.0.1:8080/v1/2024-01-01..2024-01-31?symbols=USD
 * curl http://127.0.0.1:8080/v1/2024-01-01..?group=month&amp;format=csv
 * curl "http://127.0.0.1:8080/v1/convert?from=USD&amp;to=JPY&amp;amount=100"
 * curl http://127.0.0.1:8080/v1/change/2024-01-02..2024-06-28?symbols=USD
 * </pre>
 */
public final class RatesService implements HttpService {

    /** Bytes one rate takes in a series, about: {@code "USD":1.0934,} or a CSV line. */
    private static final int BYTES_PER_RATE = 14;

    private static final byte[] INDEX = ("{\"version\":\"v1\",\"status\":\"stable\",\"build\":\""
            + BuildInfo.current().version() + "\",\"openapi\":\"/openapi\",\"docs\":\"/docs\","
            + "\"endpoints\":[\"/v1/latest\",\"/v1/current\",\"/v1/{date}\",\"/v1/{start}..{end}\",\"/v1/currencies\","
            + "\"/v1/convert\",\"/v1/change/{start}..{end}\"]}").getBytes(StandardCharsets.UTF_8);

    private final Supplier<RatesModel> rates;
    private final Answers answers;
    private final PublicationSchedule schedule;
    private final long maxRangeDays;

    public RatesService(Supplier<RatesModel> rates, Answers answers, PublicationSchedule schedule, long maxRangeDays) {
        this.rates = rates;
        this.answers = answers;
        this.schedule = schedule;
        this.maxRangeDays = maxRangeDays;
    }

    @Override
    public void routing(HttpRules rules) {
        ReadRoutes.of(rules).get("/", timed("index", this::index))
                .get("/latest", timed("latest", this::latest))
                .get("/current", timed("latest", this::latest))
                .get("/convert", timed("convert", this::convert))
                .get("/change/{range}", timed("change", this::change))
                .get("/{when}", timed("rates", this::dateOrRange));
    }

    /** {@code /v1}: which version this is and where it is described, as Frankfurter's root answers. */
    private void index(ServerRequest req, ServerResponse res) {
        res.headers().contentType(HttpMediaTypes.JSON_UTF_8);
        res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, "public, max-age=3600");
        io.fxrates.server.http.SecurityHeaders.api(res);
        res.send(INDEX);
    }

    private void latest(ServerRequest req, ServerResponse res) {
        day(req, res, schedule.todayUtc());
    }

    private void dateOrRange(ServerRequest req, ServerResponse res) {
        String when = req.path().pathParameters().get("when");
        if (when.contains("..")) {
            range(req, res, when);
        } else if (!when.isEmpty() && Character.isDigit(when.charAt(0))) {
            // A date after the newest rates (a client east of UTC asking for its today) answers the
            // newest ones, as Frankfurter does: the date member says which.
            day(req, res, Inputs.date(when, "The date", LocalDate.MAX));
        } else {
            throw ProblemException.notFound("unknown-path", "Not found",
                    "There is nothing at /v1/" + Inputs.shorten(when) + ". Try /v1/latest, /v1/2024-01-02, "
                            + "/v1/2024-01-01..2024-01-31, /v1/currencies or /openapi.");
        }
    }

    private void day(ServerRequest req, ServerResponse res, LocalDate requested) {
        RatesModel model = RateQueries.requireRates(rates.get());
        RateParameters parameters = RateParameters.from(req.query(), model);
        Representation representation = Representation.of(req, true);
        int day = RateQueries.resolve(model, requested);
        RateQueries.requireQuoted(model, day, parameters.base(), "base");
        // Keyed by the date it resolved to: latest and that date share one answer and one ETag.
        String question = "day|" + model.date(day) + "|" + parameters.key();
        answers.send(req, res, model, question, representation.mediaType(), 1024, out -> {
            Quotes quotes = RateQueries.quotes(model, parameters);
            int[] selection = RateQueries.selection(model, parameters.symbols());
            if (representation == Representation.JSON) {
                RatesJson.day(out, parameters, quotes, selection, day);
            } else {
                RatesCsv.day(out, parameters, quotes, selection, day);
            }
        });
    }

    private void convert(ServerRequest req, ServerResponse res) {
        RatesModel model = RateQueries.requireRates(rates.get());
        var query = req.query();
        String from = Inputs.currency(required(RateParameters.single(query, "from", "base"), "from", "USD"), "from");
        String to = Inputs.currency(required(RateParameters.single(query, "to", "symbols"), "to", "JPY"), "to");
        BigDecimal amount = Inputs.amount(required(RateParameters.single(query, "amount", null), "amount", "100"));
        LocalDate date = RateParameters.single(query, "date", null)
                .map(raw -> Inputs.date(raw, "date", LocalDate.MAX))
                .orElse(schedule.todayUtc());
        io.fxrates.server.currencies.CurrencyCatalog.require(model, from, "from");
        io.fxrates.server.currencies.CurrencyCatalog.require(model, to, "to");
        Representation.of(req, false);
        RateQueries.Conversion conversion = RateQueries.convert(model, date, from, to, amount);
        String question = "convert|" + from + "|" + to + "|" + amount.toPlainString() + "|" + conversion.date();
        answers.send(req, res, model, question, HttpMediaTypes.JSON_UTF_8, 256, out -> out.write(RatesJson.conversion(conversion)));
    }

    private void change(ServerRequest req, ServerResponse res) {
        RatesModel model = RateQueries.requireRates(rates.get());
        DateRange range = DateRange.parse(req.path().pathParameters().get("range"), schedule.todayUtc());
        if (req.query().contains("amount")) {
            throw ProblemException.badRequest("invalid-parameter", "Parameter does not apply",
                    "amount does not apply to a change, which compares rates for one unit of the base.");
        }
        RateParameters parameters = RateParameters.from(req.query(), model);
        Representation.of(req, false);
        RateQueries.Changes changes = RateQueries.change(model, range.start(), range.end(), parameters);
        String question = "change|" + changes.startDate() + "|" + changes.endDate() + "|" + parameters.key();
        answers.send(req, res, model, question, HttpMediaTypes.JSON_UTF_8, 2048,
                out -> out.write(RatesJson.changes(parameters, changes)));
    }

    private void range(ServerRequest req, ServerResponse res, String when) {
        RatesModel model = RateQueries.requireRates(rates.get());
        DateRange range = DateRange.parse(when, schedule.todayUtc());
        long days = ChronoUnit.DAYS.between(range.start(), range.end()) + 1;
        if (days > maxRangeDays) {
            throw ProblemException.badRequest("range-too-long", "Range too long",
                    "The range covers " + days + " days; at most " + maxRangeDays + " are served in one request. "
                            + "Split it, or start it no earlier than " + range.end().minusDays(maxRangeDays - 1) + ".");
        }
        RateParameters parameters = RateParameters.from(req.query(), model);
        Grouping grouping = RateParameters.single(req.query(), "group", null).map(Grouping::parse).orElse(Grouping.DAY);
        Representation representation = Representation.of(req, true);
        RateQueries.Span span = range.start().isAfter(range.end()) ? null : RateQueries.span(model, range.start(), range.end());
        if (span == null || span.isEmpty()) {
            throw ProblemException.notFound("no-rates-for-range", "No rates in this range",
                    "There are no " + model.provider() + " rates from " + range.start() + " to " + range.end()
                            + "; they run from " + model.date(0) + " to " + model.date(model.dayCount() - 1) + ".");
        }
        String question = "range|" + span.startDate() + "|" + span.endDate() + "|" + grouping + "|" + parameters.key();
        int quotes = parameters.symbols().isEmpty() ? model.seriesCount() : parameters.symbols().size();
        long estimate = (long) span.days() * (quotes * BYTES_PER_RATE + 16) + 128;
        java.util.function.Consumer<io.fxrates.server.model.ByteSink> render = out -> {
            Quotes values = RateQueries.quotes(model, parameters);
            int[] selection = RateQueries.selection(model, parameters.symbols());
            if (representation == Representation.JSON) {
                RatesJson.series(out, parameters, values, selection, span, grouping);
            } else {
                RatesCsv.series(out, parameters, values, selection, span, grouping);
            }
        };
        if (answers.cache().keeps(estimate)) {
            answers.send(req, res, model, question, representation.mediaType(), (int) estimate, render);
        } else {
            // Too long to keep: written straight from the model's arrays as it is computed.
            answers.stream(req, res, model, question, representation.mediaType(), render);
        }
    }

    private static String required(Optional<String> value, String name, String example) {
        return value.orElseThrow(() -> ProblemException.badRequest("missing-parameter", "Missing parameter",
                name + " is required, for example " + name + "=" + example + "."));
    }
}
