package org.negotiationtimeline.bench.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link StateBenchmark} (issue 8, item 3(b)) through JMH's Runner and returns p50 and p99
 * per benchmark and history size. Each benchmark and size runs in its own forked JVM (fork 1),
 * which JMH starts with this JVM's {@code java.class.path}: start it as
 * {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt) ...}, not from a jar
 * whose manifest holds the class path.
 *
 * <p>Quick: sizes 1,000 and 10,000, warm-up 2 × 1 s, measurement 3 × 1 s (about a minute on two
 * cores, most of it building the views). Full: sizes 1,000, 10,000 and 100,000, warm-up 3 × 2 s,
 * measurement 5 × 2 s (a few minutes; the 100,000 views take the longest to build).
 */
public final class StateMicroBenchmarks {

    /** One benchmark at one set of parameters, in microseconds. */
    public record Measurement(String benchmark, Map<String, String> params, double medianMicros, double p99Micros,
                              long samples) {
    }

    private StateMicroBenchmarks() {
    }

    /** Runs the JMH benchmarks; quick = few iterations, small history sizes (must finish in < 2 min on 2 cores); full = the full sizes. */
    public static List<Measurement> run(boolean quick) throws Exception {
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(StateBenchmark.class.getName() + "."))
                .param("historySize", quick ? new String[] {"1000", "10000"} : new String[] {"1000", "10000", "100000"})
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .threads(1)
                .warmupIterations(quick ? 2 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgsAppend(quick ? "-Xmx1g" : "-Xmx3g")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Measurement> measurements = new ArrayList<>();
        for (RunResult result : results) {
            Statistics statistics = result.getPrimaryResult().getStatistics();
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : result.getParams().getParamsKeys()) {
                params.put(key, result.getParams().getParam(key));
            }
            String benchmark = result.getParams().getBenchmark();
            measurements.add(new Measurement(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
                    params, statistics.getPercentile(50.0), statistics.getPercentile(99.0), statistics.getN()));
        }
        if (measurements.isEmpty()) {
            throw new IllegalStateException("JMH ran no state benchmark: is target/classes (with META-INF/BenchmarkList) "
                    + "on the class path?");
        }
        return measurements;
    }

    /** {@code [--quick]}: runs the benchmarks and prints p50/p99 per size and the fold/lookup ratio. */
    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        List<Measurement> measurements = run(quick);
        System.out.println();
        System.out.printf("%-24s %12s %14s %14s %10s%n", "benchmark", "historySize", "p50 (µs)", "p99 (µs)", "samples");
        for (Measurement m : measurements) {
            System.out.printf("%-24s %12s %14.1f %14.1f %10d%n", m.benchmark(), m.params().get("historySize"),
                    m.medianMicros(), m.p99Micros(), m.samples());
        }
        System.out.println();
        System.out.printf("%12s %16s %16s   (target: the lookup >= 100x faster)%n", "historySize", "fold/lookup p50",
                "fold/lookup p99");
        for (Measurement lookup : measurements) {
            if (!lookup.benchmark().endsWith(".lookup")) {
                continue;
            }
            measurements.stream()
                    .filter(m -> m.benchmark().endsWith(".fold") && Objects.equals(m.params(), lookup.params()))
                    .findFirst()
                    .ifPresent(fold -> System.out.printf("%12s %15.1fx %15.1fx%n", lookup.params().get("historySize"),
                            fold.medianMicros() / lookup.medianMicros(), fold.p99Micros() / lookup.p99Micros()));
        }
    }
}
