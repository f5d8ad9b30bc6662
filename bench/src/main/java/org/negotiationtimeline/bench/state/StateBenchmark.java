package org.negotiationtimeline.bench.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.negotiationtimeline.bench.state.NegotiationHistory.Query;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.negotiationtimeline.projection.state.JsonAnswer;
import org.negotiationtimeline.projection.state.StateIndexes;
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
 * Issue 8, item 3(b), and issue 17: "the state of the deal at X as known at Y" in-process, over
 * the same generated history ({@link NegotiationHistory}, seed {@value #SEED}) and the same
 * {@value #QUERIES} seeded random {@code (at, knownAt)} pairs, taken in turn; each gives the first
 * page of {@value #PAGE}:
 * <ul>
 *   <li>{@link #lookup}: projection-service's in-memory index ({@link StateIndexes}, warm), the
 *       answer assembled as it is served (slices of ready JSON); {@link #lookupCopied} also copies
 *       its bytes into one array;</li>
 *   <li>{@link #fold}: the baseline, folding the negotiation's events in memory ({@link StateFold});</li>
 *   <li>{@link #rangeScans}: the range scans over the views that answered before the index
 *       ({@link StateQueries} on H2), which the index still falls back to;</li>
 *   <li>{@link #coldFirstQuery}: a cold negotiation's first query: its index loaded from the views,
 *       then the answer.</li>
 * </ul>
 *
 * <p>Before measuring, the setup checks that the index, the range scans and the fold answer the
 * first {@value #CHECKED} questions alike (at the size measured), so all measure the same work;
 * {@code StateFoldAgreesWithLookupTest} checks it on hundreds of questions. It also prints the
 * index's estimated heap and the time its load took.
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

    /** The history, its events folded in memory, and the questions: shared by every benchmark. */
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

    /** The views, built only for the lookups; the index warm, loaded from them once. */
    @State(Scope.Benchmark)
    public static class Views {

        ViewDatabase views;
        StateQueries scans;
        StateIndexes indexes;

        @Setup(Level.Trial)
        public void build(History history) {
            long started = System.nanoTime();
            views = ViewDatabase.build(history.history);
            long built = System.nanoTime() - started;
            scans = new StateQueries(views.jdbc(), views.json());
            indexes = new StateIndexes(views.jdbc(), views.json(), Long.MAX_VALUE);
            String nid = history.history.negotiationId();
            long loading = System.nanoTime();
            indexes.state(nid, history.queries.get(0).at(), history.queries.get(0).knownAt(), PAGE, 0);
            long loaded = System.nanoTime() - loading;
            long uncertain = 0;
            long claimValues = 0;
            for (Query query : history.queries.subList(0, CHECKED)) {
                StateAnswer index = StateAnswer.of(Payloads.read(views.json(),
                        new String(indexes.state(nid, query.at(), query.knownAt(), PAGE, 0).toByteArray(), StandardCharsets.UTF_8)));
                StateAnswer scanned = StateAnswer.of(scans.state(nid, query.at(), query.knownAt(), PAGE, 0));
                StateAnswer fold = StateAnswer.of(history.fold.state(query.at(), query.knownAt(), PAGE, 0));
                if (!index.equals(fold) || !scanned.equals(fold)) {
                    throw new IllegalStateException("the lookups and the fold disagree at " + query + ":\n index  " + index
                            + "\n scans  " + scanned + "\n fold   " + fold);
                }
                uncertain += index.uncertain().size();
                claimValues += index.claimValues();
            }
            System.out.printf("historySize=%d: %d events, views built in %d ms, index loaded in %d ms (~%d bytes, by its "
                            + "estimate); a mean answer: %d uncertain, %d claim values%n",
                    history.historySize, history.history.records().size(), built / 1_000_000, loaded / 1_000_000,
                    indexes.cachedBytes(), uncertain / CHECKED, claimValues / CHECKED);
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

    /**
     * The answer assembled, ready to be written to the response, as the fold's tree is ready to be
     * serialised (which this does not measure either).
     */
    @Benchmark
    public JsonAnswer lookup(History history, Views views, Cursor cursor) {
        Query query = cursor.next(history.queries);
        return views.indexes.state(history.history.negotiationId(), query.at(), query.knownAt(), PAGE, 0);
    }

    /** As {@link #lookup}, its bytes then copied into one array: what writing them costs on top. */
    @Benchmark
    public byte[] lookupCopied(History history, Views views, Cursor cursor) {
        Query query = cursor.next(history.queries);
        return views.indexes.state(history.history.negotiationId(), query.at(), query.knownAt(), PAGE, 0).toByteArray();
    }

    @Benchmark
    public ObjectNode fold(History history, Cursor cursor) {
        Query query = cursor.next(history.queries);
        return history.fold.state(query.at(), query.knownAt(), PAGE, 0);
    }

    @Benchmark
    public ObjectNode rangeScans(History history, Views views, Cursor cursor) {
        Query query = cursor.next(history.queries);
        return views.scans.state(history.history.negotiationId(), query.at(), query.knownAt(), PAGE, 0);
    }

    @Benchmark
    public byte[] coldFirstQuery(History history, Views views, Cursor cursor) {
        Query query = cursor.next(history.queries);
        views.indexes.clear();
        return views.indexes.state(history.history.negotiationId(), query.at(), query.knownAt(), PAGE, 0).toByteArray();
    }
}
