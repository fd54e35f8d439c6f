package io.fxrates.server.ui;

import java.util.function.Supplier;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.http.Answers;
import io.fxrates.server.http.ProblemException;
import io.fxrates.server.http.ReadRoutes;
import io.fxrates.server.model.RatesModel;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static io.fxrates.server.http.EndpointMetrics.timed;

/**
 * The HTML pages, rendered on the server from Mustache templates; plain GET forms, no script.
 *
 * <pre>
 * /                                           latest rates (?base=USD), provenance, a converter
 * /convert?from=USD&amp;to=JPY&amp;amount=100[&amp;date=]   a conversion
 * /history?base=EUR&amp;quote=USD&amp;range=1y           a pair over time, as an SVG chart (or &amp;start=&amp;end=)
 * /currencies                                 the currencies, names, first and last dates quoted
 * </pre>
 *
 * Any other GET outside {@code /v1}, {@code /observe}, {@code /openapi} and {@code /static} is an
 * HTML 404 page.
 */
public final class UiService implements HttpService {

    /** Prefixes owned by other services: the catch-all passes them on. */
    private static final String[] FOREIGN = {"/v1", "/observe", "/openapi", "/static", "/docs"};

    private final HtmlResponder responder;
    private final HomePage home;
    private final ConvertPage convert;
    private final HistoryPage history;
    private final CurrenciesPage currencies;

    public UiService(Supplier<RatesModel> rates, Answers answers, PublicationSchedule schedule) {
        this.responder = new HtmlResponder(new Templates(), rates, answers, schedule);
        PageSupport support = new PageSupport(schedule);
        this.home = new HomePage(support);
        this.convert = new ConvertPage(support);
        this.history = new HistoryPage(support);
        this.currencies = new CurrenciesPage(support);
    }

    @Override
    public void routing(HttpRules rules) {
        ReadRoutes.of(rules).get("/", timed("ui-home", (req, res) -> responder.respond(req, res, "home", home)))
                .get("/convert", timed("ui-convert", (req, res) -> responder.respond(req, res, "convert", convert)))
                .get("/history", timed("ui-history", (req, res) -> responder.respond(req, res, "history", history)))
                .get("/currencies", timed("ui-currencies", (req, res) -> responder.respond(req, res, "currencies", currencies)))
                .get("/{+path}", this::notFound);
    }

    private void notFound(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        for (String prefix : FOREIGN) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                res.next();
                return;
            }
        }
        responder.sendProblem(res, ProblemException.notFound("unknown-page", "Page not found",
                "There is no page at " + path + ". The pages are the latest rates, the converter, the history of a "
                        + "currency pair and the list of currencies."));
    }
}
