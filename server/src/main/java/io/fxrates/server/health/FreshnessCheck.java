package io.fxrates.server.health;

import java.time.LocalDate;
import java.util.Locale;

import io.fxrates.server.calendar.PublicationSchedule;
import io.fxrates.server.data.DataState;
import io.fxrates.server.data.DataWatcher;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness that looks at the data, not only the process: are the newest rates recent enough?
 *
 * <p>In {@code degrade} mode (the default) stale data keeps the instance in service and says why
 * in the check's details: every instance reads the same database, so taking them all out of the
 * load balancer would turn stale rates into no rates. In {@code fail} mode stale data makes the
 * instance not ready.
 */
public final class FreshnessCheck implements HealthCheck {

    /** What stale data does to readiness. */
    public enum Mode { DEGRADE, FAIL;

        public static Mode parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }

    private final DataWatcher data;
    private final PublicationSchedule schedule;
    private final int maxBusinessDays;
    private final Mode mode;

    public FreshnessCheck(DataWatcher data, PublicationSchedule schedule, int maxBusinessDays, Mode mode) {
        this.data = data;
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
        return "rates-freshness";
    }

    @Override
    public HealthCheckResponse call() {
        DataState state = data.state();
        HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                .detail("provider", state.provider())
                .detail("maxBusinessDays", maxBusinessDays)
                .detail("mode", mode.name().toLowerCase(Locale.ROOT));
        if (state.version() < 0) {
            return response.status(false).detail("reason", "the database has not answered yet").build();
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
