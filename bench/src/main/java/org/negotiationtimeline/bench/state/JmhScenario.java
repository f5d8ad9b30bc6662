package org.negotiationtimeline.bench.state;

import java.util.List;
import java.util.Objects;
import org.negotiationtimeline.bench.report.Report;

/**
 * Puts the JMH state benchmarks (issue 8, item 3(b)) into the run's report: the view's lookup and
 * the in-memory fold at each history length, and their ratio. Runs after the system is stopped,
 * so the forked benchmark JVMs have the machine to themselves.
 */
public final class JmhScenario {

    private final Report report;
    private final boolean quick;

    public JmhScenario(Report report, boolean quick) {
        this.report = report;
        this.quick = quick;
    }

    public void run() throws Exception {
        List<StateMicroBenchmarks.Measurement> measurements = StateMicroBenchmarks.run(quick);
        double largestRatio = Double.NaN;
        String largest = null;
        for (StateMicroBenchmarks.Measurement lookup : measurements) {
            if (!lookup.benchmark().endsWith(".lookup")) {
                continue;
            }
            String size = lookup.params().get("historySize");
            StateMicroBenchmarks.Measurement fold = measurements.stream()
                    .filter(m -> m.benchmark().endsWith(".fold") && Objects.equals(m.params(), lookup.params()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no fold measured at historySize " + size));
            report.add("jmh", "view lookup in-process (StateQueries on H2), " + size + " developments", "µs",
                    lookup.medianMicros(), lookup.p99Micros(), lookup.samples() + " samples");
            report.add("jmh", "baseline (b): in-memory fold of the same events, " + size + " developments", "µs",
                    fold.medianMicros(), fold.p99Micros(), fold.samples() + " samples");
            double ratio = fold.medianMicros() / lookup.medianMicros();
            report.add("jmh", "ratio fold / lookup (medians), " + size + " developments", "×", ratio, Double.NaN,
                    "same run");
            if (largest == null || Integer.parseInt(size) > Integer.parseInt(largest)) {
                largest = size;
                largestRatio = ratio;
            }
        }
        report.verdict("in-process lookup ≥ 100× faster than the in-memory fold",
                Report.format(largestRatio) + "× at " + largest + " developments", largestRatio >= 100);
    }
}
