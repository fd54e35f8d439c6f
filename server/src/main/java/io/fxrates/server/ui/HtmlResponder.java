package io.fxrates.server.ui;

import java.util.HashMap;
import java.util.Map;

import io.fxrates.server.http.ProblemException;
import io.fxrates.server.http.ProblemResponses;

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

    /** Builds the model of a page; may throw {@link ProblemException}. */
    @FunctionalInterface
    interface PageBuilder {
        Rendered build(ServerRequest req);
    }

    /** A page to send: template name and model. */
    record Rendered(String template, Map<String, Object> model) {
    }

    private final Templates templates;

    HtmlResponder(Templates templates) {
        this.templates = templates;
    }

    /** Runs {@code builder} and sends its page, or the error page for what it threw. */
    void respond(ServerRequest req, ServerResponse res, PageBuilder builder) {
        Rendered page;
        try {
            page = builder.build(req);
        } catch (ProblemException e) {
            sendProblem(res, e);
            return;
        } catch (RuntimeException e) {
            sendProblem(res, ProblemResponses.classify(req, e));
            return;
        }
        send(res, Status.OK_200, "no-cache", page.template(), page.model());
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
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
        res.headers().contentType(HTML);
        res.send(html);
    }
}
