package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.eventIds;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.TimelineEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A record the service cannot read is parked in dead_letter, and the records behind it are still applied. */
class DeadLetterTest extends ProjectionServiceTestBase {

    @Autowired
    private JdbcTemplate database;

    @Test
    void a_record_without_ce_sequence_is_parked_and_does_not_block_later_records() {
        String nid = "missing-sequence";
        topic.publish(negotiationStarted(nid).atSequence(0));
        RecordMetadata unreadable = topic.publish(
                developmentRecorded(nid, "unsequenced").atSequence(1).withoutHeader("ce_sequence"));
        topic.publish(developmentRecorded(nid, "after-unsequenced").atSequence(2));

        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("after-unsequenced"));

        Map<String, Object> parked = deadLetterAt(unreadable);
        assertThat((String) parked.get("error")).contains("ce_sequence");
        assertThat((String) parked.get("record_value")).contains("\"eventId\":\"unsequenced\"");
        assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(1);
        assertThat(api.get("/actuator/health").json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void a_record_whose_value_is_not_json_is_parked_and_does_not_block_later_records() {
        String nid = "not-json";
        topic.publish(negotiationStarted(nid).atSequence(0));
        RecordMetadata unreadable = topic.publish(
                developmentRecorded(nid, "garbled").atSequence(1).withRawValue("this is not JSON {"));
        topic.publish(developmentRecorded(nid, "after-garbled").atSequence(2));

        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("after-garbled"));

        Map<String, Object> parked = deadLetterAt(unreadable);
        assertThat((String) parked.get("record_value")).isEqualTo("this is not JSON {");
        assertThat((String) parked.get("error")).contains("not JSON");
        assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(1);
        assertThat(api.get("/actuator/health").json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void an_event_missing_a_field_the_view_needs_is_parked_and_does_not_block_later_records() {
        String nid = "missing-bounds";
        topic.publish(negotiationStarted(nid).atSequence(0));
        RecordMetadata incomplete = topic.publish(developmentRecorded(nid, "no-bounds").atSequence(1)
                .withRawValue("{\"eventId\": \"no-bounds\", \"type\": \"MEETING\", \"occurred\": {\"value\": \"2026-01-06\"},"
                        + " \"title\": \"bounds missing\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}"));
        topic.publish(developmentRecorded(nid, "after-no-bounds").atSequence(2));

        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("after-no-bounds"));

        assertThat((String) deadLetterAt(incomplete).get("error")).contains("DevelopmentRecorded");
        assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(1);
        assertThat(api.get("/actuator/health").json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void an_event_that_clashes_with_the_views_is_parked_and_does_not_stall_the_others() {
        String first = "clash-first";
        String second = "clash-second";
        topic.publish(negotiationStarted(first).atSequence(0));
        topic.publish(developmentRecorded(first, "clashing-id").atSequence(1));
        topic.publish(negotiationStarted(second).atSequence(0));
        eventually(() -> assertThat(eventIds(api.timeline(first))).containsExactly("clashing-id"));
        // An event store written before event ids were unique across negotiations could hold this.
        RecordMetadata clash = topic.publish(developmentRecorded(second, "clashing-id").atSequence(1));
        topic.publish(developmentRecorded(second, "after-clash").atSequence(2));

        eventually(() -> assertThat(eventIds(api.timeline(second))).containsExactly("after-clash"));

        assertThat((String) deadLetterAt(clash).get("error")).contains("constraint");
        assertThat(eventIds(api.timeline(first))).containsExactly("clashing-id");
        assertThat(api.get("/actuator/health").json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void a_different_event_at_a_sequence_already_applied_is_parked_and_a_re_delivery_is_skipped() {
        String nid = "two-histories";
        topic.publish(negotiationStarted(nid).atSequence(0));
        TimelineEvents.DevelopmentRecorded original = developmentRecorded(nid, "original").atSequence(1);
        topic.publish(original);
        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("original"));

        topic.publish(original); // the publisher's retry: the same message again
        // A store restored from an older backup gave sequence 1 to another event.
        RecordMetadata impostor = topic.publish(developmentRecorded(nid, "impostor").atSequence(1));
        topic.publish(developmentRecorded(nid, "after-impostor").atSequence(2));

        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("original", "after-impostor"));

        Map<String, Object> parked = deadLetterAt(impostor);
        assertThat((String) parked.get("error")).startsWith("conflict: " + nid + " #1 was applied as message ");
        assertThat((String) parked.get("record_value")).contains("\"eventId\":\"impostor\"");
        assertThat(database.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE error LIKE ?", Integer.class,
                "conflict: " + nid + " %")).as("the re-delivery is skipped, not parked").isEqualTo(1);
        assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(2);
    }

    private Map<String, Object> deadLetterAt(RecordMetadata record) {
        List<Map<String, Object>> rows = database.queryForList(
                "SELECT error, record_value FROM dead_letter WHERE topic = ? AND kafka_partition = ? AND kafka_offset = ?",
                TOPIC, record.partition(), record.offset());
        assertThat(rows).as("dead letter at %s-%d@%d", TOPIC, record.partition(), record.offset()).hasSize(1);
        return rows.get(0);
    }
}
