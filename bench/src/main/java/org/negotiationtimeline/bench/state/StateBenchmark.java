package org.negotiationtimeline.bench.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.negotiationtimeline.bench.state.NegotiationHistory.Query;
import org.negotiationtimeline.projection.fixture.StateFold;
import org.negotiationtimeline.projection.state.StateQueries;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 8, item 3(b): "the state of the deal at X as known at Y" in-process, the view's own
 * time-indexed lookup ({@link StateQueries} over projection-service's views in H2) against folding
 * the negotiation's events in memory ({@link StateFold}), over the same generated history
 * ({@link NegotiationHistory}, seed {@value #SEED}) and the same {@value #QUERIES} seeded random
 * {@code (at, knownAt)} pairs, taken in turn. Both give the first page of {@value #PAGE}.
 *
 * <p>Before measuring, the lookup's setup checks that both answer the first {@value #CHECKED}
 * questions alike (at the size measured), so the two measure the same work; {@code
 * StateFoldAgreesWithLookupTest} checks it on hundreds of questions.
 *
 * <p>Run through {@link StateMicroBenchmarks}. Sample time: every call is timed, so p50 and p99 are
 * available. Limits: one thread; an in-memory database (see {@link ViewDatabase}); the time to
 * build the views is not measured here.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StateBenchmark {

    public static final long SEED = 20260107L;
    public static final int QUERIES = 1024;
    public static final int PAGE = 50;
    public static final int CHECKED = 16;

    /** The history, its events folded in memory, and the questions: shared by both benchmarks. */
    @State(Scope.Benchmark)
    public static class History {

        /** Developments in the negotiation. */
        @Param({"1000", "10000", "100000"})
        public int historySize;

        NegotiationHistory history;
        StateFold fold;
        List<Query> queries;

        @Setup(Level.Trial)
        public void generate() {
            Logging.quiet();
            history = NegotiationHistory.generate(SEED, historySize);
            fold = new StateFold(history.negotiationId(), history.messages(), ViewDatabase.objectMapper());
            queries = history.queries(SEED + 1, QUERIES);
        }
    }

    /** The views, built only for the lookup. */
    @State(Scope.Benchmark)
    public static class Views {

        ViewDatabase views;
        StateQueries state;

        @Setup(Level.Trial)
        public void build(History history) {
            long started = System.nanoTime();
            views = ViewDatabase.build(history.history);
            long built = System.nanoTime() - started;
            state = new StateQueries(views.jdbc(), views.json());
            long uncertain = 0;
            long claimValues = 0;
            for (Query query : history.queries.subList(0, CHECKED)) {
                StateAnswer lookup = StateAnswer.of(state.state(history.history.negotiationId(), query.at(), query.knownAt(), PAGE, 0));
                StateAnswer fold = StateAnswer.of(history.fold.state(query.at(), query.knownAt(), PAGE, 0));
                if (!lookup.equals(fold)) {
                    throw new IllegalStateException("the lookup and the fold disagree at " + query + ":\n lookup " + lookup
                            + "\n fold   " + fold);
                }
                uncertain += lookup.uncertain().size();
                claimValues += lookup.claimValues();
            }
            System.out.printf("historySize=%d: %d events, views built in %d ms; a mean answer: %d uncertain, %d claim values%n",
                    history.historySize, history.history.records().size(), built / 1_000_000, uncertain / CHECKED,
                    claimValues / CHECKED);
        }

        @TearDown(Level.Trial)
        public void close() {
            views.close();
        }
    }

    /** The next question, round robin. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        Query next(List<Query> queries) {
            Query query = queries.get(next);
            next = (next + 1) % queries.size();
            return query;
        }
    }

    @Benchmark
    public ObjectNode lookup(History history, Views views, Cursor cursor) {
        Query query = cursor.next(history.queries);
        return views.state.state(history.history.negotiationId(), query.at(), query.knownAt(), PAGE, 0);
    }

    @Benchmark
    public ObjectNode fold(History history, Cursor cursor) {
        Query query = cursor.next(history.queries);
        return history.fold.state(query.at(), query.knownAt(), PAGE, 0);
    }
}
