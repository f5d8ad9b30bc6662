package org.negotiationtimeline.bench.stream;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.negotiationtimeline.bench.Scale;
import org.negotiationtimeline.bench.report.Report;
import org.negotiationtimeline.bench.report.Stats;
import org.negotiationtimeline.bench.system.Api;
import org.negotiationtimeline.bench.system.BenchSystem;
import org.negotiationtimeline.bench.workload.Command;
import org.negotiationtimeline.bench.workload.Lanes;
import org.negotiationtimeline.bench.workload.Workload;

/**
 * Issue 8, item 5 (and issue 6): how long from a write's 201 until each of 1, 100 and 1,000
 * concurrent {@code GET /api/stream} subscribers has the message. Writes are paced — the next
 * one only when every subscriber has the previous — so the figure is delivery latency, not a
 * queue the bench built itself.
 */
public final class StreamScenario {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private final BenchSystem system;
    private final Api api;
    private final Workload workload;
    private final Scale scale;
    private final Report report;

    public StreamScenario(BenchSystem system, Api api, Workload workload, Scale scale, Report report) {
        this.system = system;
        this.api = api;
        this.workload = workload;
        this.scale = scale;
        this.report = report;
    }

    public void run() throws InterruptedException {
        for (int subscribers : scale.streamSubscribers()) {
            String nid = workload.negotiation("stream-" + subscribers);
            Lanes.run(List.of(workload.setUp(nid)), 1, api::write);
            awaitNegotiation(nid); // a stream filtered on a negotiation the views do not know yet is a 404
            double[] latencies = measure(nid, subscribers);
            report.add("stream", subscribers + " subscriber(s): 201 → message at the subscriber", "ms",
                    Stats.median(latencies), Stats.p99(latencies),
                    latencies.length + " deliveries (" + scale.streamEvents() + " writes × " + subscribers + ")");
            if (subscribers == 1000) {
                report.verdict("SSE p99 ≤ 250 ms at 1,000 subscribers", Report.format(Stats.p99(latencies)) + " ms",
                        Stats.p99(latencies) <= 250);
            }
        }
    }

    private double[] measure(String nid, int subscribers) throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-sse");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
        List<Subscriber> all = new ArrayList<>();
        CountDownLatch open = new CountDownLatch(subscribers);
        try {
            for (int i = 0; i < subscribers; i++) {
                Subscriber subscriber = new Subscriber(open);
                all.add(subscriber);
                http.sendAsync(HttpRequest.newBuilder(system.projection("/api/stream?negotiation=" + nid))
                                .header("Accept", "text/event-stream").GET().build(),
                        info -> {
                            if (info.statusCode() != 200) {
                                subscriber.failure = new IllegalStateException("GET /api/stream answered " + info.statusCode());
                                open.countDown();
                            }
                            return HttpResponse.BodySubscribers.fromLineSubscriber(subscriber);
                        });
            }
            boolean allOpen = open.await(DELIVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (Subscriber s : all) {
                if (s.failure != null) {
                    throw new IllegalStateException("a subscriber could not open its stream: " + s.failure.getMessage(), s.failure);
                }
            }
            if (!allOpen) {
                throw new IllegalStateException((subscribers - open.getCount()) + " of " + subscribers
                        + " streams opened within " + DELIVERY_TIMEOUT.toSeconds() + " s");
            }
            double[] latencies = new double[subscribers * scale.streamEvents()];
            int k = 0;
            for (int i = 0; i < scale.streamEvents(); i++) {
                Command command = workload.development(nid, i);
                api.write(command);
                long accepted = System.nanoTime();
                for (Subscriber s : all) {
                    long arrived = s.await(command.eventId());
                    // A message may beat the 201 to the bench (the publisher runs after the commit): 0, not negative.
                    latencies[k++] = Math.max(0, arrived - accepted) / 1e6;
                }
            }
            return latencies;
        } finally {
            all.forEach(Subscriber::cancel);
            executor.shutdownNow();
        }
    }

    private void awaitNegotiation(String nid) {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (api.read("/api/negotiations/" + nid) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(nid + " not visible in projection-service within " + DELIVERY_TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    /** One SSE connection: notes when each development's message arrives. */
    private static final class Subscriber implements Flow.Subscriber<String> {

        private final CountDownLatch open;
        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private volatile Flow.Subscription subscription;
        private volatile Throwable failure;

        Subscriber(CountDownLatch open) {
            this.open = open;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (line.startsWith(": stream after")) {
                open.countDown();
            } else if (line.startsWith("data:")) {
                int at = line.indexOf("\"eventId\":\"");
                if (at >= 0) {
                    int from = at + 11;
                    arrivals.putIfAbsent(line.substring(from, line.indexOf('"', from)), now);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
        }

        @Override
        public void onComplete() {
            if (failure == null) {
                failure = new IllegalStateException("the stream ended");
            }
        }

        /** When the message of {@code eventId} arrived (System.nanoTime), waiting for it if need be. */
        long await(String eventId) {
            long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
            Long arrived;
            while ((arrived = arrivals.get(eventId)) == null) {
                if (failure != null) {
                    throw new IllegalStateException("a subscriber's stream failed: " + failure, failure);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(eventId + " did not reach a subscriber within "
                            + DELIVERY_TIMEOUT.toSeconds() + " s");
                }
                LockSupport.parkNanos(50_000); // leave the cores to the services
            }
            return arrived;
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
