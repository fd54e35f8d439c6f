package io.fxrates.server.rates;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.data.DataState;
import io.fxrates.server.data.ResponseCache;
import io.fxrates.server.http.HttpCaching;
import io.fxrates.server.http.ProblemException;
import io.fxrates.server.http.ReadRoutes;

import io.helidon.http.HttpMediaType;
import io.helidon.http.HttpMediaTypes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static io.fxrates.server.http.EndpointMetrics.timed;

/**
 * The rates API, Frankfurter v1 compatible, under {@code /v1}.
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

    /** Ranges up to this many days are cached whole; longer ones are streamed. */
    private static final long CACHED_RANGE_DAYS = 400;

    private final RateQueries queries;
    private final ResponseCache cache;
    private final HttpCaching caching;
    private final PublicationSchedule schedule;
    private final long maxRangeDays;

    public RatesService(RateQueries queries, ResponseCache cache, HttpCaching caching, PublicationSchedule schedule,
                        long maxRangeDays) {
        this.queries = queries;
        this.cache = cache;
        this.caching = caching;
        this.schedule = schedule;
        this.maxRangeDays = maxRangeDays;
    }

    @Override
    public void routing(HttpRules rules) {
        ReadRoutes.of(rules).get("/latest", timed("latest", this::latest))
                .get("/convert", timed("convert", this::convert))
                .get("/change/{range}", timed("change", this::change))
                .get("/{when}", timed("rates", this::dateOrRange));
    }

    private void latest(ServerRequest req, ServerResponse res) {
        day(req, res, "latest", schedule.todayUtc());
    }

    private void dateOrRange(ServerRequest req, ServerResponse res) {
        String when = req.path().pathParameters().get("when");
        if (when.contains("..")) {
            range(req, res, when);
        } else if (!when.isEmpty() && Character.isDigit(when.charAt(0))) {
            day(req, res, "date", Inputs.date(when, "The date", schedule.todayUtc()));
        } else {
            throw ProblemException.notFound("unknown-path", "Not found",
                    "There is nothing at /v1/" + Inputs.shorten(when) + ". Try /v1/latest, /v1/2024-01-02, "
                            + "/v1/2024-01-01..2024-01-31, /v1/currencies or /openapi.");
        }
    }

    private void day(ServerRequest req, ServerResponse res, String kind, LocalDate requested) {
        DataState state = queries.requireRates();
        RateParameters parameters = RateParameters.from(req.query(), state.baseCurrency(), queries.catalog());
        Representation representation = Representation.of(req, true);
        String key = kind + "|" + requested + "|" + representation + "|" + parameters.key();
        respond(req, res, state, key, representation.mediaType(), () -> {
            RateQueries.Day day = queries.day(requested, parameters);
            if (representation == Representation.JSON) {
                return RatesJson.day(parameters, day);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            SeriesSink csv = RatesCsv.series(parameters, out);
            csv.begin(day.date(), day.date());
            csv.day(day.date(), day.rates());
            csv.end();
            return out.toByteArray();
        });
    }

    private void convert(ServerRequest req, ServerResponse res) {
        DataState state = queries.requireRates();
        var query = req.query();
        String from = Inputs.currency(required(RateParameters.single(query, "from", "base"), "from", "USD"), "from");
        String to = Inputs.currency(required(RateParameters.single(query, "to", "symbols"), "to", "JPY"), "to");
        BigDecimal amount = Inputs.amount(required(RateParameters.single(query, "amount", null), "amount", "100"));
        LocalDate date = RateParameters.single(query, "date", null)
                .map(raw -> Inputs.date(raw, "date", schedule.todayUtc()))
                .orElse(schedule.todayUtc());
        queries.catalog().require(from, "from");
        queries.catalog().require(to, "to");
        Representation.of(req, false);
        String key = "convert|" + from + "|" + to + "|" + amount.toPlainString() + "|" + date;
        respond(req, res, state, key, HttpMediaTypes.JSON_UTF_8,
                () -> RatesJson.conversion(queries.convert(date, from, to, amount)));
    }

    private void change(ServerRequest req, ServerResponse res) {
        DataState state = queries.requireRates();
        DateRange range = DateRange.parse(req.path().pathParameters().get("range"), schedule.todayUtc());
        if (req.query().contains("amount")) {
            throw ProblemException.badRequest("invalid-parameter", "Parameter does not apply",
                    "amount does not apply to a change, which compares rates for one unit of the base.");
        }
        RateParameters parameters = RateParameters.from(req.query(), state.baseCurrency(), queries.catalog());
        Representation.of(req, false);
        String key = "change|" + range + "|" + parameters.key();
        respond(req, res, state, key, HttpMediaTypes.JSON_UTF_8,
                () -> RatesJson.changes(parameters, queries.change(range.start(), range.end(), parameters)));
    }

    private void range(ServerRequest req, ServerResponse res, String when) {
        DataState state = queries.requireRates();
        DateRange range = DateRange.parse(when, schedule.todayUtc());
        long days = ChronoUnit.DAYS.between(range.start(), range.end()) + 1;
        if (days > maxRangeDays) {
            throw ProblemException.badRequest("range-too-long", "Range too long",
                    "The range covers " + days + " days; at most " + maxRangeDays + " are served in one request. "
                            + "Split it, or start it no earlier than " + range.end().minusDays(maxRangeDays - 1) + ".");
        }
        RateParameters parameters = RateParameters.from(req.query(), state.baseCurrency(), queries.catalog());
        Grouping grouping = RateParameters.single(req.query(), "group", null).map(Grouping::parse).orElse(Grouping.DAY);
        boolean csv = Representation.of(req, true) == Representation.CSV;
        String key = "range|" + range + "|" + grouping + "|" + (csv ? "csv" : "json") + "|" + parameters.key();
        HttpMediaType type = csv ? Representation.CSV.mediaType() : Representation.JSON.mediaType();
        if (days <= CACHED_RANGE_DAYS) {
            respond(req, res, state, key, type, () -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
                queries.series(range.start(), range.end(), parameters, grouping, sink(csv, parameters, out));
                return out.toByteArray();
            });
            return;
        }
        if (caching.notModified(req, res, state, key)) {
            return;
        }
        // Long ranges are written as they are read, a year at a time: never whole in memory.
        // The first database read happens before the response starts, so an unreachable database
        // still answers a clean 503.
        queries.series(range.start(), range.end(), parameters, grouping, new DeferredSink(() -> {
            res.headers().contentType(type);
            return res.outputStream();
        }, out -> sink(csv, parameters, out)));
    }

    private static SeriesSink sink(boolean csv, RateParameters parameters, OutputStream out) {
        return csv ? RatesCsv.series(parameters, out) : RatesJson.series(parameters, out);
    }

    private void respond(ServerRequest req, ServerResponse res, DataState state, String key, HttpMediaType type,
                         Supplier<byte[]> render) {
        if (caching.notModified(req, res, state, key)) {
            return;
        }
        ResponseCache.Entry entry = cache.get("v" + state.version() + "|" + key,
                () -> new ResponseCache.Entry(render.get(), type.text()));
        res.headers().contentType(type);
        res.send(entry.body());
    }

    private static String required(Optional<String> value, String name, String example) {
        return value.orElseThrow(() -> ProblemException.badRequest("missing-parameter", "Missing parameter",
                name + " is required, for example " + name + "=" + example + "."));
    }
}
