package org.negotiationtimeline.bench.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * Runs {@link StateBenchmark} (issue 8, item 3(b); issue 17) through JMH's Runner and returns p50
 * and p99 per benchmark and history size. Each benchmark and size runs in its own forked JVM
 * (fork 1), which JMH starts with this JVM's {@code java.class.path}: start it as
 * {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt) ...}, not from a jar
 * whose manifest holds the class path.
 *
 * <p>{@link Size#SMOKE}: 1,000 developments, no warm-up, one iteration of 1 s (proves the harness
 * works; its figures mean nothing). {@link Size#QUICK}: sizes 1,000 and 10,000, warm-up 2 × 1 s,
 * measurement 3 × 1 s. {@link Size#FULL}: sizes 1,000, 10,000 and 100,000, warm-up 3 × 2 s,
 * measurement 5 × 2 s (most of the time goes into building the 100,000 views, once per benchmark).
 */
public final class StateMicroBenchmarks {

    /** How much to run. */
    public enum Size { SMOKE, QUICK, FULL }

    /** One benchmark at one set of parameters, in microseconds. */
    public record Measurement(String benchmark, Map<String, String> params, double medianMicros, double p99Micros,
                              long samples) {
    }

    private StateMicroBenchmarks() {
    }

    /** Runs the JMH benchmarks at the given size. */
    public static List<Measurement> run(Size size) throws Exception {
        boolean full = size == Size.FULL;
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(StateBenchmark.class.getName() + "."))
                .param("historySize", switch (size) {
                    case SMOKE -> new String[] {"1000"};
                    case QUICK -> new String[] {"1000", "10000"};
                    case FULL -> new String[] {"1000", "10000", "100000"};
                })
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .threads(1)
                .warmupIterations(switch (size) { case SMOKE -> 0; case QUICK -> 2; case FULL -> 3; })
                .warmupTime(TimeValue.seconds(full ? 2 : 1))
                .measurementIterations(switch (size) { case SMOKE -> 1; case QUICK -> 3; case FULL -> 5; })
                .measurementTime(TimeValue.seconds(full ? 2 : 1))
                .jvmArgsAppend(full ? "-Xmx3g" : "-Xmx1g")
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

    /** The measurement of {@code benchmark} (e.g. "fold") with the same parameters as {@code like}. */
    static Optional<Measurement> find(List<Measurement> measurements, String benchmark, Measurement like) {
        return measurements.stream()
                .filter(m -> m.benchmark().endsWith("." + benchmark) && Objects.equals(m.params(), like.params()))
                .findFirst();
    }

    /** {@code [--smoke|--quick]}: runs the benchmarks and prints p50/p99 per size and the fold/lookup ratio. */
    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        List<Measurement> measurements = run(options.contains("--smoke") ? Size.SMOKE
                : options.contains("--quick") ? Size.QUICK : Size.FULL);
        System.out.println();
        System.out.printf("%-30s %12s %14s %14s %10s%n", "benchmark", "historySize", "p50 (µs)", "p99 (µs)", "samples");
        for (Measurement m : measurements) {
            System.out.printf("%-30s %12s %14.1f %14.1f %10d%n", m.benchmark(), m.params().get("historySize"),
                    m.medianMicros(), m.p99Micros(), m.samples());
        }
        System.out.println();
        System.out.printf("%12s %16s %16s   (target: the lookup >= 100x faster)%n", "historySize", "fold/lookup p50",
                "fold/lookup p99");
        for (Measurement lookup : measurements) {
            if (lookup.benchmark().endsWith(".lookup")) {
                find(measurements, "fold", lookup).ifPresent(fold -> System.out.printf("%12s %15.1fx %15.1fx%n",
                        lookup.params().get("historySize"), fold.medianMicros() / lookup.medianMicros(),
                        fold.p99Micros() / lookup.p99Micros()));
            }
        }
    }
}
