package io.fxrates.server.ui;

import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

/**
 * The Mustache templates under {@code templates/} on the classpath, each compiled once at start.
 * {@code {{x}}} escapes HTML; the templates never use the unescaped forms.
 */
final class Templates {

    static final String[] PAGES = {"home", "convert", "history", "currencies", "error", "no-rates"};

    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    Templates() {
        MustacheFactory factory = new DefaultMustacheFactory("templates");
        for (String page : PAGES) {
            compiled.put(page, factory.compile(page + ".mustache"));
        }
    }

    /** {@code page} rendered with {@code model}. */
    String render(String page, Map<String, ?> model) {
        Mustache template = compiled.get(page);
        if (template == null) {
            throw new IllegalArgumentException("No template " + page);
        }
        StringWriter out = new StringWriter(8192);
        try {
            template.execute(out, model).flush();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
