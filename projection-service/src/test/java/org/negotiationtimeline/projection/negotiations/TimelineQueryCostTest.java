package org.negotiationtimeline.projection.negotiations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentCorrected;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRetracted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.consuming.ViewSchema;
import org.negotiationtimeline.projection.fixture.DirectProjection;
import org.negotiationtimeline.projection.fixture.Occurrence;
import org.negotiationtimeline.projection.fixture.RecordingJdbcTemplate;
import org.negotiationtimeline.projection.fixture.TimelineEvents;
import org.negotiationtimeline.projection.web.Page;

/**
 * A timeline page reads about as many rows as it returns, not the history: for each filter, the
 * page statement's rows read (H2's {@code EXPLAIN ANALYZE} scanCount) stay under a bound set by
 * {@code limit} when the history grows from 300 to 3,000 developments, and the statement walks the
 * intended index in its order (no sort of the whole negotiation).
 *
 * <p>The history, projected straight into H2 by the real projectors: one development a day, every
 * third with actor {@code macron}, every seventh on topic {@code air-defense}, every tenth
 * corrected, every thirtieth retracted. Pages start from a cursor in the middle of the history.
 *
 * <p>Not bounded this way (docs/queries.md): {@code type}, and the topic when an actor is given too,
 * are checked on each form of the walk, so a rare one reads more rows per page.
 */
class TimelineQueryCostTest {

    private static final LocalDate FIRST_DAY = LocalDate.parse("2000-01-01");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 10;

    private record Case(String name, String index, Function<Integer, NegotiationQueries.TimelineFilter> filter) {
    }

    private static final List<Case> CASES = List.of(
            new Case("unfiltered", "DEVELOPMENT_VERSION_TIMELINE", days -> filter(null, null, null, null, null)),
            new Case("actor", "DEVELOPMENT_ACTOR_TIMELINE", days -> filter(null, null, "macron", null, null)),
            new Case("topic", "DEVELOPMENT_TOPIC_TIMELINE", days -> filter(null, null, null, "air-defense", null)),
            new Case("from", "DEVELOPMENT_VERSION_TIMELINE", days -> filter(day(days - 40), null, null, null, null)),
            new Case("from and to", "DEVELOPMENT_VERSION_TIMELINE", days -> filter(day(days - 40), day(days - 20), null, null, null)),
            new Case("knownAt", "DEVELOPMENT_VERSION_TIMELINE", days -> filter(null, null, null, null,
                    Instant.parse("2100-01-01T00:00:00Z"))));

    @Test
    void a_page_reads_rows_bounded_by_its_limit_for_a_history_ten_times_longer() {
        List<Cost> small = costs(300);
        List<Cost> large = costs(3000);

        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            Cost cost = large.get(i);
            assertThat(cost.returned()).as(c.name()).isEqualTo(LIMIT);
            assertThat(small.get(i).returned()).as(c.name()).isPositive();
            assertThat(cost.plan()).as(c.name() + ": " + cost.plan()).contains("/* PUBLIC." + c.index()).doesNotContain("tableScan");
            // Forms in between that do not qualify (earlier forms of corrected ones, retracted ones,
            // the other filter's) are read too: a few times the limit, never the history.
            assertThat(cost.rowsRead()).as("rows read, 3000 days vs 300, " + c.name() + ": " + cost.plan())
                    .isLessThanOrEqualTo(small.get(i).rowsRead() + LIMIT)
                    .isLessThan(12 * LIMIT);
        }
    }

    private record Cost(int returned, String plan, long rowsRead) {
    }

    private static NegotiationQueries.TimelineFilter filter(Instant from, Instant to, String actor, String topic, Instant knownAt) {
        return new NegotiationQueries.TimelineFilter(from, to, Set.of(), actor, topic, knownAt, false);
    }

    private static Instant day(int day) {
        return FIRST_DAY.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static List<Cost> costs(int days) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:timeline-cost-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ViewSchema(dataSource);
        RecordingJdbcTemplate jdbc = new RecordingJdbcTemplate(dataSource);
        DirectProjection.apply(jdbc, history("cost", days));
        NegotiationQueries queries = new NegotiationQueries(jdbc, JSON);
        List<Cost> costs = new ArrayList<>();
        for (Case c : CASES) {
            NegotiationQueries.TimelineFilter filter = c.filter().apply(days);
            // A cursor in the middle: where the first half of what matches ends.
            int matching = queries.timeline("cost", filter, null, 100_000).items().size();
            String middle = queries.timeline("cost", filter, null, Math.max(1, matching / 2)).next();
            jdbc.startRecording();
            Page<JsonNode> page = queries.timeline("cost", filter, middle, LIMIT);
            jdbc.stopRecording();
            RecordingJdbcTemplate.Explained explained = jdbc.explain(jdbc.statements().stream()
                    .filter(s -> s.sql().contains("ORDER BY")).findFirst().orElseThrow());
            costs.add(new Cost(page.items().size(), explained.plan(), explained.rowsRead()));
        }
        jdbc.execute("SHUTDOWN");
        return costs;
    }

    private static List<TimelineEvents.Event<?>> history(String nid, int days) {
        List<TimelineEvents.Event<?>> events = new ArrayList<>();
        events.add(negotiationStarted(nid));
        for (int day = 0; day < days; day++) {
            String eventId = "day-" + day;
            var development = developmentRecorded(nid, eventId).occurred(Occurrence.onDay(FIRST_DAY.plusDays(day).toString()));
            if (day % 3 == 0) {
                development.withActor("macron", "HOST");
            }
            if (day % 7 == 0) {
                development.onTopics("air-defense");
            }
            events.add(development);
            if (day % 10 == 3) {
                events.add(developmentCorrected(nid, "fix-" + day, eventId).retitled("corrected"));
            }
            if (day % 30 == 7) {
                events.add(developmentRetracted(nid, "withdraw-" + day, eventId));
            }
        }
        for (int sequence = 0; sequence < events.size(); sequence++) {
            events.get(sequence).atSequence(sequence);
        }
        return events;
    }
}
