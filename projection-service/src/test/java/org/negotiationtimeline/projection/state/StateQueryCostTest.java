package org.negotiationtimeline.projection.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.documentCreated;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.provisionStatus;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.versionAdded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentCorrected;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRetracted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.consuming.ViewSchema;
import org.negotiationtimeline.projection.fixture.DirectProjection;
import org.negotiationtimeline.projection.fixture.Occurrence;
import org.negotiationtimeline.projection.fixture.RecordingJdbcTemplate;
import org.negotiationtimeline.projection.fixture.TimelineEvents;

/**
 * The state query reads what it returns, not the history: every statement it issues walks one of
 * the intended indexes (H2's plan names it), and the rows each one reads (H2's {@code EXPLAIN
 * ANALYZE} scanCount) stay the same when the history before {@code at} grows tenfold.
 *
 * <p>The history is projected straight into an in-memory H2 database by the real projectors: one
 * development a day, every tenth corrected, every thirtieth retracted, positions of two holders on
 * two questions, claims on a few, one five weeks long (the widest interval), a document
 * with a version every 100 days and a status report every 10. The query asks about ten days before
 * the end, as known after all of it, so each part has the same answer at both sizes.
 */
class StateQueryCostTest {

    private static final LocalDate FIRST_DAY = LocalDate.parse("2000-01-01");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A distinctive part of each statement, and the index it must walk. */
    private static final Map<String, String> INDEXES = Map.of(
            "FROM development_version WHERE negotiation_id = ? AND latest <= ?", "DEVELOPMENT_VERSION_LATEST_FIRST",
            "FROM development_version WHERE negotiation_id = ? AND latest > ?", "DEVELOPMENT_VERSION_LATEST_FIRST",
            "FROM development_width", "PRIMARY_KEY",
            "FROM claim_version", "CLAIM_VERSION_BY_TIME",
            "FROM position_pair", "PRIMARY_KEY",
            "FROM position_version", "POSITION_VERSION_LATEST_FIRST",
            "FROM document_view", "DOCUMENT_VIEW_BY_NEGOTIATION",
            "FROM document_version", "DOCUMENT_VERSION_LATEST_FIRST",
            "FROM provision_status", "PROVISION_STATUS_LATEST_FIRST");

    @Test
    void each_statement_walks_its_index_and_reads_as_many_rows_for_a_history_ten_times_longer() {
        List<Cost> small = costOfTheStateAfter(300);
        List<Cost> large = costOfTheStateAfter(3000);

        assertThat(large).extracting(Cost::sql).isEqualTo(small.stream().map(Cost::sql).toList());
        assertThat(small).extracting(Cost::sql).as("every part of the query is checked")
                .allSatisfy(sql -> assertThat(INDEXES.keySet()).anySatisfy(part -> assertThat(sql).contains(part)));
        for (int i = 0; i < large.size(); i++) {
            Cost cost = large.get(i);
            String index = INDEXES.entrySet().stream().filter(e -> cost.sql().contains(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
            assertThat(cost.plan()).as(cost.sql()).contains("/* PUBLIC." + index).doesNotContain("tableScan");
            if (cost.sql().contains("ORDER BY")) {
                assertThat(cost.plan()).as("sorted by the index: " + cost.sql()).contains("/* index sorted */");
            }
            assertThat(cost.rowsRead()).as("rows read, 3000 days vs 300: " + cost.sql())
                    .isLessThanOrEqualTo(small.get(i).rowsRead())
                    .isLessThan(60);
        }
    }

    private record Cost(String sql, String plan, long rowsRead) {
    }

    /** Projects {@code days} of history, asks for the state ten days before its end, and explains each statement. */
    private static List<Cost> costOfTheStateAfter(int days) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:state-cost-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ViewSchema(dataSource);
        RecordingJdbcTemplate jdbc = new RecordingJdbcTemplate(dataSource);
        DirectProjection.apply(jdbc, history("cost", days));
        jdbc.startRecording();

        Instant at = FIRST_DAY.plusDays(days - 10).atStartOfDay().toInstant(java.time.ZoneOffset.UTC).minusNanos(1_000);
        ObjectNode state = new StateQueries(jdbc, JSON).state("cost", at, Instant.parse("2100-01-01T00:00:00Z"), 20, 0);
        assertThat(state.get("developments")).hasSize(20);
        assertThat(state.at("/page/hasMore").asBoolean()).isTrue();
        assertThat(state.get("uncertain")).as("the five weeks contain at").hasSize(1);
        assertThat(state.get("claims")).hasSize(2);
        assertThat(state.get("positions")).hasSize(4);
        assertThat(state.at("/documents/0/provisions/0/statusBy").asText()).isEqualTo("reporter-" + (days - 20));

        List<Cost> costs = new ArrayList<>();
        jdbc.stopRecording();
        for (RecordingJdbcTemplate.Statement statement : jdbc.statements()) {
            RecordingJdbcTemplate.Explained explained = jdbc.explain(statement);
            costs.add(new Cost(statement.sql(), explained.plan(), explained.rowsRead()));
        }
        jdbc.execute("SHUTDOWN"); // Frees the in-memory database.
        return costs;
    }

    private static List<TimelineEvents.Event<?>> history(String nid, int days) {
        List<TimelineEvents.Event<?>> events = new ArrayList<>();
        events.add(negotiationStarted(nid));
        events.add(developmentRecorded(nid, "five-weeks").ofType("REPORT").occurred(Occurrence.betweenDays(
                FIRST_DAY.plusDays(days - 40).toString(), FIRST_DAY.plusDays(days - 5).toString())));
        events.add(documentCreated(nid, "plan"));
        for (int day = 0; day < days; day++) {
            String date = FIRST_DAY.plusDays(day).toString();
            String eventId = "day-" + day;
            var development = developmentRecorded(nid, eventId).ofType(day % 5 == 0 ? "POSITION" : "MEETING")
                    .occurred(Occurrence.onDay(date));
            if (day % 5 == 0) {
                development.holding("holder-" + (day / 5) % 2, "SUPPORTS", "question-" + (day / 10) % 2);
            }
            if (day < 3) {
                development.claiming("subject-" + day % 2, day);
            }
            events.add(development);
            if (day % 10 == 3) {
                events.add(developmentCorrected(nid, "fix-" + day, eventId).retitled("corrected"));
            }
            if (day % 30 == 7) {
                events.add(developmentRetracted(nid, "withdraw-" + day, eventId));
            }
            if (day % 100 == 0) {
                events.add(versionAdded(nid, "plan", day / 100 + 1).occurred(Occurrence.onDay(date))
                        .provision("p1", "1", "Text " + day).change("p1", day == 0 ? "ADDED" : "UNCHANGED"));
            }
            if (day % 10 == 0) {
                events.add(provisionStatus(nid, "plan", "p1", "DISPUTED").by("reporter-" + day)
                        .occurred(Occurrence.onDay(date)));
            }
        }
        for (int sequence = 0; sequence < events.size(); sequence++) {
            events.get(sequence).atSequence(sequence);
        }
        return events;
    }
}
