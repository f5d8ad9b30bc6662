package org.negotiationtimeline.bench.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.bench.state.NegotiationHistory.Query;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.negotiationtimeline.projection.state.StateIndexes;
import org.negotiationtimeline.projection.fixture.StateFold;
import org.negotiationtimeline.projection.state.StateQueries;

/**
 * The sides of {@link StateBenchmark} answer alike: the in-memory index ({@link StateIndexes}), the
 * range scans ({@link StateQueries} over views built by projection-service's own projectors) and the in-memory fold
 * ({@link StateFold}), on hundreds of random {@code (at, knownAt)} of a generated history, plus
 * the edges of its time spans, first pages of 50 as the benchmark asks. Two independent implementations of docs/queries.md: when either is
 * wrong, this fails (and the benchmark would be comparing different work).
 * {@code -Dstate.seed=N} replays another history.
 */
class StateFoldAgreesWithLookupTest {

    private static final long SEED = Long.getLong("state.seed", 7);
    private static final int DEVELOPMENTS = 1_000;
    private static final int QUERIES = 300;
    private static final int PAGE = 50;

    private static NegotiationHistory history;
    private static ViewDatabase views;
    private static StateQueries lookup;
    private static StateIndexes index;
    private static StateFold fold;

    @BeforeAll
    static void build() {
        Logging.quiet();
        history = NegotiationHistory.generate(SEED, DEVELOPMENTS);
        views = ViewDatabase.build(history);
        lookup = new StateQueries(views.jdbc(), views.json());
        index = new StateIndexes(views.jdbc(), views.json(), Long.MAX_VALUE);
        fold = new StateFold(history.negotiationId(), history.messages(), views.json());
    }

    @AfterAll
    static void close() {
        views.close();
    }

    @Test
    void the_first_page_agrees_at_random_times() {
        int nonEmpty = 0;
        int withDocument = 0;
        int withUncertain = 0;
        for (Query query : history.queries(SEED + 1, QUERIES)) {
            StateAnswer answer = assertAgree(query, PAGE, 0);
            nonEmpty += answer.developments().isEmpty() ? 0 : 1;
            withDocument += answer.documents().isEmpty() ? 0 : 1;
            withUncertain += answer.uncertain().isEmpty() ? 0 : 1;
        }
        // The questions exercise the rules, not just empty answers.
        assertThat(nonEmpty).isGreaterThan(QUERIES / 3);
        assertThat(withDocument).isGreaterThan(QUERIES / 3);
        assertThat(withUncertain).isGreaterThan(QUERIES / 3);
    }

    @Test
    void the_whole_order_agrees_and_later_pages_too() {
        for (Query query : history.queries(SEED + 2, 20)) {
            assertAgree(query, 100_000, 0);
            assertAgree(query, 20, 35);
        }
    }

    @Test
    void the_edges_of_the_history_agree() {
        List<Query> edges = new ArrayList<>();
        Duration day = Duration.ofDays(1);
        for (var at : List.of(history.validFrom().minus(day), history.validFrom(), history.validUntil(),
                history.validUntil().plus(day))) {
            for (var knownAt : List.of(history.recordedFrom().minusSeconds(1), history.recordedFrom(),
                    history.recordedUntil(), history.recordedUntil().plus(day))) {
                edges.add(new Query(at, knownAt));
            }
        }
        edges.forEach(query -> assertAgree(query, PAGE, 0));
        // Past the end of the last month any development can be in: everything not retracted has happened.
        StateAnswer everything = assertAgree(new Query(history.validUntil().plus(Duration.ofDays(40)), history.recordedUntil()),
                100_000, 0);
        assertThat(everything.developments()).hasSize(history.developments() - history.retractions());
        assertThat(everything.hasMore()).isFalse();
        assertThat(everything.uncertain()).isEmpty();
        assertThat(everything.documents()).singleElement().asString()
                .startsWith(NegotiationHistory.DOCUMENT_ID + " v" + NegotiationHistory.DOCUMENT_VERSIONS + ":");
    }

    private static StateAnswer assertAgree(Query query, int limit, int offset) {
        StateAnswer expected = StateAnswer.of(fold.state(query.at(), query.knownAt(), limit, offset));
        StateAnswer actual = StateAnswer.of(lookup.state(history.negotiationId(), query.at(), query.knownAt(), limit, offset));
        assertThat(actual).as("range scans, seed %d, %s, limit %d, offset %d", SEED, query, limit, offset).isEqualTo(expected);
        StateAnswer indexed = StateAnswer.of(Payloads.read(views.json(), new String(
                index.state(history.negotiationId(), query.at(), query.knownAt(), limit, offset).toByteArray(),
                StandardCharsets.UTF_8)));
        assertThat(indexed).as("index, seed %d, %s, limit %d, offset %d", SEED, query, limit, offset).isEqualTo(expected);
        return actual;
    }
}
