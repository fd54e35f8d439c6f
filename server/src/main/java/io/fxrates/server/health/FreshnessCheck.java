package io.fxrates.server.health;

import java.time.LocalDate;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.data.DataState;
import io.fxrates.server.data.RatesData;
import io.fxrates.server.model.RatesModel;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness that looks at the data, not the database: the instance answers from its rates in
 * memory, so it is ready once they are loaded and while they are recent enough, whether or not
 * the database answers right now (the details say when it does not). Taking every instance out
 * of the load balancer for a database outage would turn rates that change once a day into none.
 *
 * <p>In {@code degrade} mode (the default) stale data keeps the instance in service and says why
 * in the check's details: every instance reads the same database, so taking them all out would
 * turn stale rates into no rates. In {@code fail} mode stale data makes the instance not ready.
 */
public final class FreshnessCheck implements HealthCheck {

    /** What stale data does to readiness. */
    public enum Mode { DEGRADE, FAIL;

        public static Mode parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }

    private final RatesData data;
    private final BooleanSupplier listening;
    private final PublicationSchedule schedule;
    private final int maxBusinessDays;
    private final Mode mode;

    /** {@code listening} says whether updates are notified now (else only the version poll sees them). */
    public FreshnessCheck(RatesData data, BooleanSupplier listening, PublicationSchedule schedule, int maxBusinessDays, Mode mode) {
        this.data = data;
        this.listening = listening;
        this.schedule = schedule;
        this.maxBusinessDays = maxBusinessDays;
        this.mode = mode;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "rates";
    }

    @Override
    public HealthCheckResponse call() {
        RatesModel model = data.current();
        RatesData.DatabaseStatus database = data.database();
        HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                .detail("maxBusinessDays", maxBusinessDays)
                .detail("mode", mode.name().toLowerCase(Locale.ROOT))
                .detail("database", database.reachable() ? "reachable" : "unreachable")
                .detail("updates", listening.getAsBoolean() ? "notified" : "polled");
        database.unreachableSince().ifPresent(since -> response.detail("databaseUnreachableSince", since.toString()));
        database.lastError().ifPresent(error -> response.detail("databaseError", error));
        if (model == null) {
            return response.status(false).detail("reason", "the rates are not loaded yet: the database has not answered")
                    .build();
        }
        DataState state = model.state();
        response.detail("provider", state.provider()).detail("version", state.version());
        RatesData.LoadFigures load = data.lastLoad();
        if (load != null) {
            response.detail("loadedAt", load.at().toString());
        }
        if (!state.hasRates()) {
            return verdict(response, "no rates loaded yet: run ./scripts/update-local history or wait for the updater");
        }
        LocalDate newest = state.newestDate().get();
        int behind = schedule.businessDaysBehind(newest);
        response.detail("newestDate", newest.toString()).detail("businessDaysBehind", behind);
        state.fetchedAt().ifPresent(at -> response.detail("fetchedAt", at.toString()));
        if (behind > maxBusinessDays) {
            return verdict(response, "the newest rates (" + newest + ") are " + behind
                    + " business days behind; the limit is " + maxBusinessDays);
        }
        return response.status(true).detail("status", "fresh").build();
    }

    private HealthCheckResponse verdict(HealthCheckResponse.Builder response, String reason) {
        response.detail("reason", reason);
        if (mode == Mode.FAIL) {
            return response.status(false).detail("status", "stale").build();
        }
        return response.status(true).detail("status", "degraded").build();
    }
}
