package io.fxrates.server.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.http.Answers;
import io.fxrates.server.http.ProblemException;
import io.fxrates.server.http.ProblemResponses;
import io.fxrates.server.http.SecurityHeaders;
import io.fxrates.server.model.RatesModel;
import io.fxrates.server.rates.RateQueries;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends rendered pages, and turns every failure of a page into an HTML page with the right
 * status: the problem's own 4xx with its message, a "no rates yet" page that says how to load
 * them, a 503 when the database is down, and a 500 without details for anything unexpected.
 */
final class HtmlResponder {

    static final HttpMediaType HTML = HttpMediaType.create(MediaTypes.TEXT_HTML).withCharset("UTF-8");

    /** Builds the model of a page from the rates; may throw {@link ProblemException}. */
    @FunctionalInterface
    interface PageBuilder {
        Rendered build(ServerRequest req, RatesModel rates);
    }

    /** A page to send: template name and model. */
    record Rendered(String template, Map<String, Object> model) {
    }

    private final Templates templates;
    private final Supplier<RatesModel> rates;
    private final Answers answers;
    private final PublicationSchedule schedule;

    HtmlResponder(Templates templates, Supplier<RatesModel> rates, Answers answers, PublicationSchedule schedule) {
        this.templates = templates;
        this.rates = rates;
        this.answers = answers;
        this.schedule = schedule;
    }

    /**
     * Sends {@code page}'s page, rendered once per model, day and query (pages show provenance and
     * depend on today), or the error page for what building it threw.
     */
    void respond(ServerRequest req, ServerResponse res, String page, PageBuilder builder) {
        try {
            RatesModel model = RateQueries.requireRates(rates.get());
            String question = page + "|" + schedule.todayUtc() + "|" + req.query().rawValue();
            SecurityHeaders.page(res);
            answers.sendPage(req, res, model, question, HTML, out -> {
                Rendered rendered = builder.build(req, model);
                out.writeUtf8(templates.render(rendered.template(), rendered.model()));
            });
        } catch (ProblemException e) {
            sendProblem(res, e);
        } catch (RuntimeException e) {
            sendProblem(res, ProblemResponses.classify(req, e));
        }
    }

    /** The error page for {@code problem} (the "no rates yet" page for that problem). */
    void sendProblem(ServerResponse res, ProblemException problem) {
        Map<String, Object> model = new HashMap<>();
        model.put("pageTitle", problem.title());
        model.put("status", problem.status().code());
        model.put("title", problem.title());
        model.put("detail", problem.detail());
        String template = "no-rates-yet".equals(problem.type()) ? "no-rates" : "error";
        if (problem.status() == Status.SERVICE_UNAVAILABLE_503) {
            res.header(HeaderNames.RETRY_AFTER, ProblemResponses.RETRY_AFTER_SECONDS);
        }
        send(res, problem.status(), "no-store", template, model);
    }

    private void send(ServerResponse res, Status status, String cacheControl, String template, Map<String, Object> model) {
        String html = templates.render(template, model);
        res.status(status);
        SecurityHeaders.page(res);
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
        res.headers().contentType(HTML);
        res.send(html);
    }
}
