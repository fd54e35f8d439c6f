package io.fxrates.server.currencies;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.fxrates.server.http.Answers;
import io.fxrates.server.http.ProblemException;
import io.fxrates.server.http.ReadRoutes;
import io.fxrates.server.model.RatesModel;
import io.fxrates.server.rates.RateQueries;

import io.helidon.http.HttpMediaTypes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import static io.fxrates.server.http.EndpointMetrics.timed;

/**
 * The currencies, under {@code /v1/currencies}.
 *
 * <pre>
 * curl http://127.0.0.1:8080/v1/currencies                  # {"AUD":"Australian Dollar",...}, quoted today
 * curl http://127.0.0.1:8080/v1/currencies?all=true         # also those no longer quoted
 * curl http://127.0.0.1:8080/v1/currencies?detail=true      # name, minor units, first and last date quoted
 * </pre>
 */
public final class CurrenciesService implements HttpService {

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private final Supplier<RatesModel> rates;
    private final Answers answers;

    public CurrenciesService(Supplier<RatesModel> rates, Answers answers) {
        this.rates = rates;
        this.answers = answers;
    }

    @Override
    public void routing(HttpRules rules) {
        ReadRoutes.of(rules).get("/", timed("currencies", this::currencies));
    }

    private void currencies(ServerRequest req, ServerResponse res) {
        boolean all = flag(req, "all");
        boolean detail = flag(req, "detail");
        RatesModel model = rates.get();
        if (model == null) {
            RateQueries.requireRates(null);
        }
        answers.send(req, res, model, "currencies|" + all + "|" + detail, HttpMediaTypes.JSON_UTF_8, 4096,
                out -> out.write(render(model, all, detail)));
    }

    private static byte[] render(RatesModel model, boolean all, boolean detail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        Optional<LocalDate> newest = model.state().newestDate();
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject();
            for (Currency currency : model.quotedCurrencies().values()) {
                boolean current = currency.lastDate().equals(newest);
                if (!all && !detail && !current) {
                    continue;
                }
                if (!detail) {
                    json.write(currency.code(), currency.name());
                    continue;
                }
                json.writeStartObject(currency.code())
                        .write("name", currency.name())
                        .write("minor_units", currency.minorUnits())
                        .write("quoted", current)
                        .write("historic", currency.historic());
                currency.firstDate().map(LocalDate::toString).ifPresent(d -> json.write("first_date", d));
                currency.lastDate().map(LocalDate::toString).ifPresent(d -> json.write("last_date", d));
                json.writeEnd();
            }
            json.writeEnd();
        }
        return out.toByteArray();
    }

    private static boolean flag(ServerRequest req, String name) {
        if (!req.query().contains(name)) {
            return false;
        }
        return switch (req.query().get(name).strip().toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ProblemException.badRequest("invalid-flag", "Invalid flag",
                    name + " must be true or false.");
        };
    }
}
