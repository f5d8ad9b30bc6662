package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.Occurrence.onDay;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.eventIds;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.consuming.ProjectionConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The positions that count are the ones stored with the views, in the same transaction: a
 * restarted consumer resumes from them, whatever offsets Kafka holds for its group.
 */
class StoredPositionsTest extends ProjectionServiceTestBase {

    @Autowired
    private ProjectionConsumer consumer;

    @Autowired
    private JdbcTemplate database;

    @Test
    void a_restarted_consumer_resumes_from_the_stored_positions_not_from_kafkas_committed_offsets() {
        String nid = "restarted-projection";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(developmentRecorded(nid, "summit").ofType("MEETING").occurred(onDay("2026-01-06")).atSequence(1));
        // A record that is parked, not deduplicated by sequence: read again, it could not be parked twice.
        RecordMetadata parked = topic.publish(developmentRecorded(nid, "unreadable").atSequence(2).withoutHeader("ce_sequence"));
        RecordMetadata last = topic.publish(
                developmentRecorded(nid, "statement").ofType("STATEMENT").occurred(onDay("2026-01-07")).atSequence(2));
        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("summit", "statement"));

        JsonNode timelineBefore = api.timeline(nid);
        assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(2);
        assertThat(deadLetters()).isEqualTo(1);
        assertThat(storedNextOffset(last.partition())).as("stored with the views").isEqualTo(last.offset() + 1);
        assertThat(parked.partition()).isEqualTo(last.partition());

        consumer.stop();
        assertThat(consumer.isRunning()).isFalse();
        rewindTheGroupsCommittedOffsetsToTheBeginning();
        consumer.start();

        topic.publish(developmentRecorded(nid, "report").ofType("REPORT").occurred(onDay("2026-01-08")).atSequence(3));
        eventually(() -> assertThat(eventIds(api.timeline(nid))).contains("report"));

        JsonNode timelineAfter = api.timeline(nid);
        assertThat(eventIds(timelineAfter)).containsExactly("summit", "statement", "report");
        assertThat(timelineAfter.get(0)).isEqualTo(timelineBefore.get(0));
        assertThat(timelineAfter.get(1)).isEqualTo(timelineBefore.get(1));
        assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(3);
        assertThat(deadLetters()).as("the parked record was not read again").isEqualTo(1);
        assertThat(consumer.lastError()).isNull();
    }

    /** As if the group were new, or its offsets lost: Kafka would have it start from offset 0 everywhere. */
    private void rewindTheGroupsCommittedOffsetsToTheBeginning() {
        Map<TopicPartition, OffsetAndMetadata> beginning = new HashMap<>();
        for (int partition = 0; partition < 3; partition++) {
            beginning.put(new TopicPartition(TOPIC, partition), new OffsetAndMetadata(0));
        }
        // The group can only be altered once the stopped consumer has left it.
        eventually(() -> broker().doWithAdmin(admin -> call(admin, a -> a.alterConsumerGroupOffsets(groupId(), beginning).all())));
        broker().doWithAdmin(admin -> {
            Map<TopicPartition, OffsetAndMetadata> committed = call(admin,
                    a -> a.listConsumerGroupOffsets(groupId()).partitionsToOffsetAndMetadata());
            assertThat(committed).containsAllEntriesOf(beginning);
        });
    }

    private static <T> T call(AdminClient admin, java.util.function.Function<AdminClient, org.apache.kafka.common.KafkaFuture<T>> call) {
        try {
            return call.apply(admin).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("Kafka admin call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private long deadLetters() {
        return database.queryForObject("SELECT COUNT(*) FROM dead_letter", Long.class);
    }

    private long storedNextOffset(int partition) {
        return database.queryForObject("SELECT next_offset FROM consumed_offset WHERE topic = ? AND kafka_partition = ?",
                Long.class, TOPIC, partition);
    }
}
