package io.fxrates.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Prints "concurrent" if two virtual threads ran at the same time, "serial" if the second could
 * only start once the first had given up waiting for it. Run by {@link CarrierThreadsTest} in a
 * JVM of its own; the argument says whether to call {@link CarrierThreads#atLeastTwo()} first.
 */
public final class CarrierProbe {

    private CarrierProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Boolean.parseBoolean(args[0])) {
            CarrierThreads.atLeastTwo();
        }
        CountDownLatch started = new CountDownLatch(2);
        boolean[] sawTheOther = new boolean[2];
        Thread[] threads = new Thread[2];
        for (int i = 0; i < 2; i++) {
            int index = i;
            threads[i] = Thread.ofVirtual().start(() -> {
                started.countDown();
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                // Spinning, not parking: a parked virtual thread would hand its carrier to the other.
                while (started.getCount() > 0 && System.nanoTime() < giveUp) {
                    Thread.onSpinWait();
                }
                sawTheOther[index] = started.getCount() == 0;
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println(sawTheOther[0] && sawTheOther[1] ? "concurrent" : "serial");
    }
}
