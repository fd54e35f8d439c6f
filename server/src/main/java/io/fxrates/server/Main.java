package io.fxrates.server;

import java.util.Optional;

import io.fxrates.server.config.AppConfig;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

/** Starts the service: {@code java -jar fxrates-server.jar}, configured by {@code FXRATES_*} variables. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Optional<String> carriers = CarrierThreads.atLeastTwo();
        LogConfig.configureRuntime();
        carriers.ifPresent(parallelism -> System.getLogger(Main.class.getName()).log(System.Logger.Level.INFO,
                "One CPU available: virtual threads run on " + parallelism + " carrier threads (" + CarrierThreads.PARALLELISM + ")"));
        Config config = AppConfig.load();
        FxRatesServer server;
        try {
            server = FxRatesServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("fxrates could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::close));
        System.out.println("fxrates is serving on " + config.get("server.host").asString().map(h -> "http://" + h + ":"
                + server.port() + "/").orElse(server.url()) + "  (API: /v1/latest, OpenAPI: /openapi, health: /observe/health)");
    }
}
