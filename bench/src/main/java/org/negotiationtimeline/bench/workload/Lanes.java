package org.negotiationtimeline.bench.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

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
        return run(lanes.size(), lanes::get, clients, send);
    }

    /**
     * As {@link #run(List, int, Consumer)}, with each lane built by the client that takes it, just
     * before sending it: a full-scale import held in memory at once is gigabytes, and the load
     * driver's garbage collection would take the services' CPU (the bench shares the machine).
     */
    public static Outcome run(int lanes, IntFunction<List<Command>> lane, int clients, Consumer<Command> send) {
        List<long[]> perClient = new ArrayList<>();
        AtomicInteger nextLane = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[1024];
                    int sent = 0;
                    for (int l = nextLane.getAndIncrement(); l < lanes; l = nextLane.getAndIncrement()) {
                        for (Command command : lane.apply(l)) {
                            long t0 = System.nanoTime();
                            send.accept(command);
                            if (sent == latencies.length) {
                                latencies = Arrays.copyOf(latencies, sent * 2);
                            }
                            latencies[sent++] = System.nanoTime() - t0;
                        }
                    }
                    return Arrays.copyOf(latencies, sent);
                }));
            }
            for (Future<long[]> future : futures) {
                perClient.add(future.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("a client failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        long elapsed = System.nanoTime() - start;
        return new Outcome(perClient.stream().flatMapToLong(Arrays::stream).toArray(), elapsed);
    }
}
