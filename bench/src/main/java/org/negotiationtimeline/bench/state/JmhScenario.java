package org.negotiationtimeline.bench.state;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.negotiationtimeline.bench.report.Report;
import org.negotiationtimeline.projection.state.StateIndexes;

/**
 * Puts the JMH state benchmarks (issue 8, item 3(b); issue 17) into the run's report: at each
 * history length the in-memory index's lookup, the in-memory fold (the baseline) and their ratio,
 * the range scans the index replaced, and a cold negotiation's first query; then the heap one
 * negotiation's index takes. Runs after the system is stopped, so the forked benchmark JVMs have
 * the machine to themselves.
 *
 * <p>Targets (issue 17): the lookup ≥ 100× faster than the fold at every size measured (met only
 * when 100,000 was among them); a cold negotiation's first query within 20 ms at 1,000
 * developments (the bench's negotiations at 1M events have about as many); the indexes of 1M
 * events within 1.5 GB of heap, extrapolated from one negotiation of 1,000 developments.
 */
public final class JmhScenario {

    /** Developments of the negotiation whose index's heap is measured: the full import's size. */
    static final int FOOTPRINT_DEVELOPMENTS = 1_000;

    private final Report report;
    private final StateMicroBenchmarks.Size size;

    public JmhScenario(Report report, boolean quick) {
        this(report, quick ? StateMicroBenchmarks.Size.QUICK : StateMicroBenchmarks.Size.FULL);
    }

    public JmhScenario(Report report, StateMicroBenchmarks.Size size) {
        this.report = report;
        this.size = size;
    }

    public void run() throws Exception {
        List<StateMicroBenchmarks.Measurement> measurements = StateMicroBenchmarks.run(size);
        List<String> ratios = new ArrayList<>();
        boolean allMet = true;
        boolean largestMeasured = false;
        Double coldAtThousand = null;
        for (StateMicroBenchmarks.Measurement lookup : measurements) {
            if (!lookup.benchmark().endsWith(".lookup")) {
                continue;
            }
            String developments = lookup.params().get("historySize");
            StateMicroBenchmarks.Measurement fold = StateMicroBenchmarks.find(measurements, "fold", lookup)
                    .orElseThrow(() -> new IllegalStateException("no fold measured at historySize " + developments));
            report.add("jmh", "lookup in-process (in-memory state index, warm; the answer assembled, not copied), "
                            + developments + " developments", "µs",
                    lookup.medianMicros(), lookup.p99Micros(), lookup.samples() + " samples");
            report.add("jmh", "baseline (b): in-memory fold of the same events, " + developments + " developments", "µs",
                    fold.medianMicros(), fold.p99Micros(), fold.samples() + " samples");
            double ratio = fold.medianMicros() / lookup.medianMicros();
            report.add("jmh", "ratio fold / lookup (medians), " + developments + " developments", "×", ratio, Double.NaN,
                    "same run");
            StateMicroBenchmarks.find(measurements, "lookupCopied", lookup).ifPresent(copied -> report.add("jmh",
                    "the same lookup, its answer's bytes copied into one array, " + developments + " developments", "µs",
                    copied.medianMicros(), copied.p99Micros(), copied.samples() + " samples"));
            StateMicroBenchmarks.find(measurements, "rangeScans", lookup).ifPresent(scans -> report.add("jmh",
                    "range scans over the views (StateQueries on H2, the fallback), " + developments + " developments", "µs",
                    scans.medianMicros(), scans.p99Micros(), scans.samples() + " samples"));
            StateMicroBenchmarks.Measurement cold = StateMicroBenchmarks.find(measurements, "coldFirstQuery", lookup)
                    .orElse(null);
            if (cold != null) {
                report.add("jmh", "a cold negotiation's first query (index loaded from the views on H2), " + developments
                        + " developments", "µs", cold.medianMicros(), cold.p99Micros(), cold.samples() + " samples");
                if (developments.equals(Integer.toString(FOOTPRINT_DEVELOPMENTS))) {
                    coldAtThousand = cold.medianMicros();
                }
            }
            ratios.add(Report.format(ratio) + "× at " + developments);
            allMet &= ratio >= 100;
            largestMeasured |= developments.equals("100000");
        }
        report.verdict("in-process lookup ≥ 100× faster than the in-memory fold (at 1,000, 10,000 and 100,000 developments)",
                String.join(", ", ratios) + " developments" + (largestMeasured ? "" : " (100,000 not measured)"),
                allMet && largestMeasured);
        if (coldAtThousand != null) {
            report.verdict("a cold negotiation's first query within 20 ms",
                    Report.format(coldAtThousand / 1000) + " ms median at " + FOOTPRINT_DEVELOPMENTS
                            + " developments, in-process on H2 (no HTTP)", coldAtThousand <= 20_000);
        }
        footprint();
    }

    /**
     * The heap one negotiation's index takes: live heap after a full GC, before and after loading
     * it, in this JVM (and the index's own estimate, which the cache is bounded by).
     */
    private void footprint() {
        NegotiationHistory history = NegotiationHistory.generate(StateBenchmark.SEED, FOOTPRINT_DEVELOPMENTS);
        try (ViewDatabase views = ViewDatabase.build(history)) {
            StateIndexes indexes = new StateIndexes(views.jdbc(), views.json(), Long.MAX_VALUE);
            NegotiationHistory.Query query = history.queries(StateBenchmark.SEED + 1, 1).get(0);
            long before = liveHeap();
            byte[] answer = indexes.state(history.negotiationId(), query.at(), query.knownAt(), StateBenchmark.PAGE, 0)
                    .toByteArray();
            long after = liveHeap();
            if (answer.length == 0 || indexes.loads() != 1) {
                throw new IllegalStateException("the index was not loaded");
            }
            int events = history.records().size();
            double measuredKb = (after - before) / 1024.0;
            report.add("jmh", "heap of one negotiation's state index (" + FOOTPRINT_DEVELOPMENTS + " developments, " + events
                            + " events), live after a full GC", "KB", measuredKb, Double.NaN,
                    "1 measurement; its own estimate " + Report.format(indexes.cachedBytes() / 1024.0) + " KB");
            double perMillionMb = Math.max(after - before, indexes.cachedBytes()) / (double) events * 1_000_000 / (1 << 20);
            report.verdict("≤ 1.5 GB heap for the in-memory state indexes of 1M events",
                    Report.format(perMillionMb) + " MB per million events, extrapolated from one negotiation of "
                            + events + " events (the larger of measured and estimated)", perMillionMb <= 1536);
        }
    }

    /**
     * {@code [--smoke|--quick]}: this scenario alone, without starting the services, its report
     * printed (full sizes without an option): {@code java -cp bench/target/classes:$(cat
     * bench/target/classpath.txt) org.negotiationtimeline.bench.state.JmhScenario}.
     */
    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        Report report = new Report(Instant.now());
        new JmhScenario(report, options.contains("--smoke") ? StateMicroBenchmarks.Size.SMOKE
                : options.contains("--quick") ? StateMicroBenchmarks.Size.QUICK : StateMicroBenchmarks.Size.FULL).run();
        System.out.println(report.markdown());
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
