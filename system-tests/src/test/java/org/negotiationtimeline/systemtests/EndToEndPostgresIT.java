package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.systemtests.Development.development;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.negotiationtimeline.systemtests.TimelineSystem.Recorded;

/**
 * Both services on the PostgreSQL server at 127.0.0.1:5432, each in a throwaway database: the
 * production store. Fails (never skips) when the server is not there. The re-publication test runs
 * last, so that it covers every negotiation the other tests recorded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndPostgresIT extends EndToEndScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PostgresStorage postgres;

    @Override
    protected Storage storage() {
        postgres = postgresStorage();
        return postgres;
    }

    /** The databases (and the Kafka cluster) both services use: here, on the local PostgreSQL server. */
    protected PostgresStorage postgresStorage() {
        return PostgresStorage.create();
    }

    @Test
    void theEventStoreKeepsEachEventInDomainEventEntryWithABytePayload() throws Exception {
        String nid = "postgres-event-store";
        system.startNegotiation(nid, "Events kept in PostgreSQL");
        Recorded plan = system.record(development().report().in(nid).withEventId("us-28-point-plan")
                .occurred("2025-11").titled("US 28-point plan").reportedBy("Axios"));
        Recorded framework = system.record(development().report().in(nid).withEventId("20-point-framework")
                .occurred("2025-12").titled("20-point framework").reportedBy("Reuters"));
        system.awaitInTimeline(nid, plan.eventId());
        system.awaitInTimeline(nid, framework.eventId());

        try (Connection events = postgres.connectToEvents()) {
            assertThat(columnTypes(events, "domain_event_entry"))
                    .as("Axon's payloads must be bytea, not oid large objects (production requirement)")
                    .containsEntry("payload", "bytea")
                    .containsEntry("meta_data", "bytea");

            List<StoredEvent> stored = storedEvents(events, nid);
            assertThat(stored).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
            assertThat(stored).extracting(StoredEvent::simpleType)
                    .containsExactly("NegotiationStarted", "DevelopmentRecorded", "DevelopmentRecorded");
            assertThat(stored.subList(1, 3)).extracting(e -> e.payload().path("eventId").asText())
                    .containsExactly(plan.eventId(), framework.eventId());
        }

        try (Connection views = postgres.connectToViews();
             PreparedStatement query = views.prepareStatement(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")) {
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("projection-service's tables in the PostgreSQL views database").isPositive();
            }
        }
    }

    /**
     * The rebuild procedure of docs/operations.md: with timeline-service stopped, its publisher's
     * tokens are deleted, and on start it publishes the whole event store again. projection-service
     * must recognise every re-published event and apply none twice ("effectively once").
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void republishingTheWholeEventStoreDuplicatesNothingInTheViews() throws Exception {
        String nid = "republished";
        system.startNegotiation(nid, "Published twice");
        Recorded first = system.record(development().report().in(nid)
                .occurred("2025-11-20").titled("Plan leaked").reportedBy("Axios"));
        Recorded second = system.record(development().meeting().in(nid)
                .occurred("2025-11-23").zone("Europe/Zurich").titled("Talks in Geneva").reportedBy("Reuters"));
        system.awaitInTimeline(nid, first.eventId());
        system.awaitInTimeline(nid, second.eventId());
        List<JsonNode> negotiationsBefore = system.negotiations();
        Map<String, List<JsonNode>> timelinesBefore = new LinkedHashMap<>();
        for (JsonNode negotiation : negotiationsBefore) {
            String id = negotiation.path("id").asText();
            timelinesBefore.put(id, system.timelineOf(id));
        }

        int[] deleted = new int[1];
        system.restartTimeline(() -> {
            try {
                deleted[0] = postgres.resetPublisherTokens();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reset the publisher's tokens", e);
            }
        });
        assertThat(deleted[0]).as("kafka-publisher token rows deleted").isPositive();

        // Per negotiation, every re-published event precedes a new one on its partition: once each
        // negotiation's new event shows, all its re-published events have been consumed.
        Map<String, String> newEvents = new LinkedHashMap<>();
        for (String id : timelinesBefore.keySet()) {
            newEvents.put(id, system.record(development().report().in(id)
                    .occurred("2026-02-01").titled("After the re-publication").reportedBy("Kyiv Independent")).eventId());
        }
        newEvents.forEach(system::awaitInTimeline);

        for (JsonNode before : negotiationsBefore) {
            String id = before.path("id").asText();
            List<JsonNode> timeline = system.timelineOf(id);
            assertThat(timeline.subList(0, timeline.size() - 1)).as("timeline of " + id).isEqualTo(timelinesBefore.get(id));
            assertThat(eventIds(timeline)).last().isEqualTo(newEvents.get(id));
            assertThat(system.negotiation(id).path("developmentCount").asLong())
                    .as("developmentCount of " + id)
                    .isEqualTo(before.path("developmentCount").asLong() + 1);
        }
        assertThat(system.projectionService().healthy()).as("projection-service healthy").isTrue();
    }

    private record StoredEvent(long sequence, String payloadType, JsonNode payload) {
        String simpleType() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }
    }

    private static Map<String, String> columnTypes(Connection connection, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns "
                        + "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        assertThat(types).as("columns of " + table).isNotEmpty();
        return types;
    }

    private static List<StoredEvent> storedEvents(Connection connection, String aggregate) throws Exception {
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT sequence_number, payload_type, payload FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            query.setString(1, aggregate);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getLong(1), rs.getString(2), JSON.readTree(rs.getBytes(3))));
                }
            }
        }
        return events;
    }
}
