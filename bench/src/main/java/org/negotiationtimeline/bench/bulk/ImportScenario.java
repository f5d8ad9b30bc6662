package org.negotiationtimeline.bench.bulk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 */
public final class ImportScenario {

    /** What was imported, for the scenarios that query it. */
    public record Imported(List<String> negotiations, Instant recordedFrom, Instant recordedUntil, long events) {
    }

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
        List<List<Command>> lanes = new ArrayList<>();
        for (int n = 0; n < scale.negotiations(); n++) {
            String nid = workload.negotiation("bulk-" + n);
            negotiations.add(nid);
            lanes.add(history(nid, new Random(n)));
        }
        int commands = lanes.stream().mapToInt(List::size).sum();
        try (Progress progress = new Progress(system)) {
            long storedBefore = progress.storedEvents();
            Instant from = Instant.now();
            Lanes.Outcome outcome = Lanes.run(lanes, scale.importClients(), api::write);
            long imported = System.nanoTime();
            Instant until = Instant.now();
            long built = progress.awaitViewsBuilt(system.viewsDatabase(), Duration.ofHours(6));
            long events = progress.storedEvents() - storedBefore;
            double importSeconds = outcome.elapsedNanos() / 1e9;
            double endToEndSeconds = importSeconds + (built - imported) / 1e9;
            report.add("import", scale.negotiations() + " negotiations × " + scale.developmentsPerNegotiation()
                    + " developments + " + scale.versionsPerNegotiation() + " versions each, "
                    + scale.importClients() + " clients: time to import", "s", importSeconds, Double.NaN,
                    "1 run, " + commands + " requests, " + events + " events");
            report.add("import", "time from the last 201 until every view is built", "s", (built - imported) / 1e9,
                    Double.NaN, "1 run");
            report.add("import", "request latency", "ms", Stats.median(Stats.millis(outcome.latencies())),
                    Stats.p99(Stats.millis(outcome.latencies())), commands + " requests");
            double rate = events / endToEndSeconds;
            report.add("import", "end to end (stored, published, every view built)", "events/s", rate, Double.NaN, "1 run");
            report.verdict("bulk ingest ≥ 25,000 events/s end to end", Report.format(rate) + " events/s", rate >= 25_000);
            return new Imported(negotiations, from, until, events);
        }
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
