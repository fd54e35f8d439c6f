package io.fxrates.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On one CPU the server's virtual threads get two carriers. Shown in child JVMs that see one CPU
 * ({@code -XX:ActiveProcessorCount=1}): two virtual threads that each wait, spinning, for the other
 * to start only both run when there are two carriers (a virtual thread is never preempted).
 */
class CarrierThreadsTest {

    @Test
    void oneCpuGetsTwoCarriersUnlessTheParallelismIsSet() {
        assertEquals(Optional.of("2"), CarrierThreads.parallelismFor(1, null));
        assertEquals(Optional.empty(), CarrierThreads.parallelismFor(1, "1"));
        assertEquals(Optional.empty(), CarrierThreads.parallelismFor(2, null));
        assertEquals(Optional.empty(), CarrierThreads.parallelismFor(64, null));
    }

    @Test
    void onOneCpuTwoVirtualThreadsRunAtOnceOnlyWithTwoCarriers() throws Exception {
        assertEquals("serial", probe(false), "the JDK's default on one CPU: one carrier");
        assertEquals("concurrent", probe(true));
    }

    @Test
    void aParallelismGivenOnTheCommandLineIsKept() throws Exception {
        assertEquals("serial", probe(true, "-D" + CarrierThreads.PARALLELISM + "=1"));
    }

    private static String probe(boolean configure, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=1", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(options));
        command.addAll(List.of(CarrierProbe.class.getName(), String.valueOf(configure)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
