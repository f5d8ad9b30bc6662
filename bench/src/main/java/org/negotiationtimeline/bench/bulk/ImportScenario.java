package org.negotiationtimeline.bench.bulk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.negotiationtimeline.bench.Scale;
import org.negotiationtimeline.bench.report.Report;
import org.negotiationtimeline.bench.report.Stats;
import org.negotiationtimeline.bench.system.Api;
import org.negotiationtimeline.bench.system.BenchSystem;
import org.negotiationtimeline.bench.system.Progress;
import org.negotiationtimeline.bench.workload.Command;
import org.negotiationtimeline.bench.workload.Lanes;
import org.negotiationtimeline.bench.workload.Workload;

/**
 * Issue 8, item 2: a generated history (seeded) imported through the public API — how long the
 * import takes, and how long until every view is built. The imported negotiations are what the
 * state, rebuild and memory scenarios then measure.
 *
 * <p>Each negotiation is one lane: set up, then its developments with its document's versions
 * spread among them, a status report every tenth version, and at the end corrections (1%) and
 * retractions (0.5%) of earlier developments — recorded after them, as in life.
 *
 * <p>It measures the bulk path: each run of consecutive developments in a lane (up to
 * {@link #BATCH_SIZE}) goes as one {@code POST /api/negotiations/{nid}/events/batch}; everything
 * else (set-up, versions, status reports, corrections, retractions) stays one request each, in the
 * lane's order. How long the runs are depends on how densely versions are spread among them.
 */
public final class ImportScenario {

    /** What was imported, for the scenarios that query it. */
    public record Imported(List<String> negotiations, Instant recordedFrom, Instant recordedUntil, long events) {
    }

    /** Most developments in one batch request (the service accepts up to 1,000 by default). */
    static final int BATCH_SIZE = 500;
    private static final Pattern DEVELOPMENT = Pattern.compile("/api/negotiations/[^/]+/events");

    private final BenchSystem system;
    private final Api api;
    private final Workload workload;
    private final Scale scale;
    private final Report report;

    public ImportScenario(BenchSystem system, Api api, Workload workload, Scale scale, Report report) {
        this.system = system;
        this.api = api;
        this.workload = workload;
        this.scale = scale;
        this.report = report;
    }

    public Imported run() {
        List<String> negotiations = new ArrayList<>();
        for (int n = 0; n < scale.negotiations(); n++) {
            negotiations.add(workload.negotiation("bulk-" + n));
        }
        // Each lane is generated when a client takes it (seeded per negotiation, so the same
        // history whoever takes it) and counted as it goes: the whole import at once would not fit.
        AtomicLong commandCount = new AtomicLong();
        AtomicLong batchRequestCount = new AtomicLong();
        AtomicLong singleRequestCount = new AtomicLong();
        AtomicLong batchedDevelopmentCount = new AtomicLong();
        IntFunction<List<Command>> lanes = n -> {
            List<Command> lane = history(negotiations.get(n), new Random(n));
            List<Command> requests = batched(lane);
            commandCount.addAndGet(lane.size());
            for (Command request : requests) {
                if (isBatch(request)) {
                    batchRequestCount.incrementAndGet();
                    batchedDevelopmentCount.addAndGet(request.body().get("events").size());
                } else {
                    singleRequestCount.incrementAndGet();
                }
            }
            return requests;
        };
        Queue<Long> batchLatencies = new ConcurrentLinkedQueue<>();
        Queue<Long> singleLatencies = new ConcurrentLinkedQueue<>();
        try (Progress progress = new Progress(system)) {
            long storedBefore = progress.storedEvents();
            Instant from = Instant.now();
            Lanes.Outcome outcome = Lanes.run(negotiations.size(), lanes, scale.importClients(), command -> {
                long t0 = System.nanoTime();
                api.write(command);
                (isBatch(command) ? batchLatencies : singleLatencies).add(System.nanoTime() - t0);
            });
            long commands = commandCount.get();
            long batchRequests = batchRequestCount.get();
            long singleRequests = singleRequestCount.get();
            long batchedDevelopments = batchedDevelopmentCount.get();
            long imported = System.nanoTime();
            Instant until = Instant.now();
            long built = progress.awaitViewsBuilt(system.viewsDatabase(), Duration.ofHours(6));
            long events = progress.storedEvents() - storedBefore;
            double importSeconds = outcome.elapsedNanos() / 1e9;
            double endToEndSeconds = importSeconds + (built - imported) / 1e9;
            report.add("import", scale.negotiations() + " negotiations × " + scale.developmentsPerNegotiation()
                    + " developments + " + scale.versionsPerNegotiation() + " versions each, "
                    + scale.importClients() + " clients, developments through the batch endpoint: time to import",
                    "s", importSeconds, Double.NaN, "1 run, " + commands + " commands in " + (batchRequests + singleRequests)
                            + " requests (" + batchRequests + " batches holding " + batchedDevelopments
                            + " developments, ≤ " + BATCH_SIZE + " each; " + singleRequests + " single), "
                            + events + " events");
            report.add("import", "time from the last 201 until every view is built", "s", (built - imported) / 1e9,
                    Double.NaN, "1 run");
            long[] batches = unboxed(batchLatencies);
            long[] singles = unboxed(singleLatencies);
            report.add("import", "batch request latency (POST …/events/batch)", "ms", Stats.median(Stats.millis(batches)),
                    Stats.p99(Stats.millis(batches)), batches.length + " requests, "
                            + Report.format(batchedDevelopments / (double) Math.max(1, batches.length)) + " developments each on average");
            report.add("import", "single request latency (set-up, versions, status, corrections, retractions)", "ms",
                    Stats.median(Stats.millis(singles)), Stats.p99(Stats.millis(singles)), singles.length + " requests");
            double rate = events / endToEndSeconds;
            report.add("import", "end to end (stored, published, every view built)", "events/s", rate, Double.NaN, "1 run");
            report.verdict("bulk ingest ≥ 25,000 events/s end to end", Report.format(rate) + " events/s", rate >= 25_000);
            return new Imported(negotiations, from, until, events);
        }
    }

    /** The lane's commands with each run of consecutive developments as batch requests, order kept. */
    static List<Command> batched(List<Command> lane) {
        List<Command> requests = new ArrayList<>();
        List<Command> run = new ArrayList<>();
        for (Command command : lane) {
            if (DEVELOPMENT.matcher(command.path()).matches()) {
                if (!run.isEmpty() && (run.size() == BATCH_SIZE || !run.get(0).path().equals(command.path()))) {
                    requests.add(batch(run));
                    run.clear();
                }
                run.add(command);
            } else {
                if (!run.isEmpty()) {
                    requests.add(batch(run));
                    run.clear();
                }
                requests.add(command);
            }
        }
        if (!run.isEmpty()) {
            requests.add(batch(run));
        }
        return requests;
    }

    private static Command batch(List<Command> developments) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode events = body.putArray("events");
        developments.forEach(d -> events.add(d.body()));
        return new Command(developments.get(0).path() + "/batch", body, null);
    }

    private static boolean isBatch(Command command) {
        return command.path().endsWith("/events/batch");
    }

    private static long[] unboxed(Queue<Long> latencies) {
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private List<Command> history(String nid, Random random) {
        List<Command> lane = new ArrayList<>(workload.setUp(nid));
        int developments = scale.developmentsPerNegotiation();
        int versions = scale.versionsPerNegotiation();
        int every = Math.max(1, developments / Math.max(1, versions));
        int version = 0;
        for (int i = 0; i < developments; i++) {
            lane.add(workload.development(nid, i));
            if (i % every == 0 && version < versions) {
                version++;
                lane.add(workload.version(nid, version, versions));
                if (version % 10 == 0) {
                    lane.add(workload.provisionStatus(nid, 1 + random.nextInt(10), i));
                }
            }
        }
        while (version < versions) {
            lane.add(workload.version(nid, ++version, versions));
        }
        for (int i = 0; i < developments; i++) {
            int roll = random.nextInt(1000);
            if (roll < 10) {
                lane.add(workload.correction(nid, i));
            } else if (roll < 15) {
                lane.add(workload.retraction(nid, i));
            }
        }
        return lane;
    }
}
