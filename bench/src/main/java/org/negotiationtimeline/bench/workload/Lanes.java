package org.negotiationtimeline.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs writes from several concurrent clients. Each lane is one client sending its commands one
 * after another (a negotiation's commands stay in one lane, so their order holds); lanes run in
 * parallel, one thread each.
 */
public final class Lanes {

    /** What the clients did: every request's latency (ns) and the wall time of the whole run (ns). */
    public record Outcome(long[] latencies, long elapsedNanos) {
        public double perSecond() {
            return latencies.length / (elapsedNanos / 1e9);
        }
    }

    private Lanes() {
    }

    /**
     * Sends every lane's commands with {@code clients} threads; lanes beyond the thread count are
     * taken in turn. A failed write fails the run.
     */
    public static Outcome run(List<List<Command>> lanes, int clients, Consumer<Command> send) {
        int total = lanes.stream().mapToInt(List::size).sum();
        long[] latencies = new long[total];
        AtomicInteger slot = new AtomicInteger();
        AtomicInteger nextLane = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int lane = nextLane.getAndIncrement(); lane < lanes.size(); lane = nextLane.getAndIncrement()) {
                        for (Command command : lanes.get(lane)) {
                            long t0 = System.nanoTime();
                            send.accept(command);
                            latencies[slot.getAndIncrement()] = System.nanoTime() - t0;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("a client failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(latencies, System.nanoTime() - start);
    }
}
