package io.fxrates.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ECB's real rate history, {@code shared/data/ecb/eurofxref-hist.csv} beside the repository
 * (never copied into it): for tests that check against every day the ECB published. Where it is
 * absent (a developer's machine without it) those tests say so and skip; under CI ({@code CI=true}),
 * which always has it, its absence fails them.
 */
public final class EcbHistory {

    static final String SHARED_CSV = "shared/data/ecb/eurofxref-hist.csv";

    private EcbHistory() {
    }

    /** {@code FXRATES_ECB_HIST_CSV}, else the file in the nearest parent directory that has it. */
    public static Optional<Path> locate() {
        String configured = System.getenv("FXRATES_ECB_HIST_CSV");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SHARED_CSV);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The file, or a skipped test (a failed one under CI) that says what is missing; {@code test} names the caller. */
    public static Path require(String test) {
        Optional<Path> found = locate();
        if (found.isEmpty()) {
            String message = test + ": " + SHARED_CSV + " not found beside the repository (looked in every parent of "
                    + Path.of("").toAbsolutePath() + "; or set FXRATES_ECB_HIST_CSV)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; CI always has it");
            }
            System.out.println(message + ": SKIPPED");
            assumeTrue(false, message);
        }
        return found.get();
    }
}
