package io.fxrates.server.http;

import io.helidon.http.Method;
import io.helidon.http.MethodPredicate;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;

/**
 * Routes that answer GET and HEAD alike (Helidon routes HEAD only where asked to), so that
 * caches and monitors can check a resource without its body.
 */
public final class ReadRoutes {

    private static final MethodPredicate GET_OR_HEAD = Method.predicate(Method.GET, Method.HEAD);

    private final HttpRules rules;

    private ReadRoutes(HttpRules rules) {
        this.rules = rules;
    }

    public static ReadRoutes of(HttpRules rules) {
        return new ReadRoutes(rules);
    }

    /** Routes GET and HEAD of {@code pattern} to {@code handler}. */
    public ReadRoutes get(String pattern, Handler handler) {
        rules.route(GET_OR_HEAD, PathMatchers.create(pattern), handler);
        return this;
    }
}
