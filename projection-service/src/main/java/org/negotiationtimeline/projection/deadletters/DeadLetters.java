package org.negotiationtimeline.projection.deadletters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.negotiationtimeline.projection.consuming.BatchApplier;
import org.negotiationtimeline.projection.consuming.ProjectionStore;
import org.negotiationtimeline.projection.consuming.ProjectionStore.DeadLetter;
import org.negotiationtimeline.projection.consuming.TimelineEventsTopic;

/**
 * The records the projection parked ({@code dead_letter}), listed and replayed. A replay reads the
 * record anew from the topic at its (partition, offset) — the topic keeps everything, and the value
 * stored with the dead letter may have been cut or cleaned to fit — and applies it through
 * {@link BatchApplier#replay}, which the consumer's batches wait for. A record that still fails stays
 * parked, with the reason in the answer.
 */
public class DeadLetters {

    /** What a replay did with one dead letter: {@code error} is null when it was applied. */
    public record Outcome(int partition, long offset, boolean replayed, String error) {
    }

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ProjectionStore store;
    private final BatchApplier applier;
    private final TimelineEventsTopic topic;
    private final String bootstrapServers;

    public DeadLetters(ProjectionStore store, BatchApplier applier, TimelineEventsTopic topic, String bootstrapServers) {
        this.store = store;
        this.applier = applier;
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
    }

    public List<DeadLetter> list() {
        return store.deadLetters();
    }

    /** Replays every dead letter, in topic order. */
    public List<Outcome> replayAll() {
        List<Outcome> outcomes = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            for (DeadLetter letter : store.deadLetters()) {
                outcomes.add(replay(reader, new TopicPartition(letter.topic(), letter.partition()), letter.offset()));
            }
        }
        return outcomes;
    }

    /** Replays one dead letter; null when none is parked at that offset. */
    public Outcome replay(int partition, long offset) {
        TopicPartition at = new TopicPartition(topic.name(), partition);
        if (store.deadLetter(at, offset) == null) {
            return null;
        }
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            return replay(reader, at, offset);
        }
    }

    private Outcome replay(KafkaConsumer<String, byte[]> reader, TopicPartition partition, long offset) {
        ConsumerRecord<String, byte[]> record = read(reader, partition, offset);
        if (record == null) {
            return new Outcome(partition.partition(), offset, false, "not on the topic (any more)");
        }
        String error = applier.replay(record);
        return new Outcome(partition.partition(), offset, error == null, error);
    }

    private static ConsumerRecord<String, byte[]> read(KafkaConsumer<String, byte[]> reader, TopicPartition partition,
                                                       long offset) {
        reader.assign(List.of(partition));
        reader.seek(partition, offset);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500)).records(partition)) {
                if (record.offset() == offset) {
                    return record;
                }
                if (record.offset() > offset) {
                    return null; // Compacted or deleted: the offset is gone.
                }
            }
        }
        return null;
    }

    /** A consumer of no group: it reads where it is told and commits nothing. */
    private KafkaConsumer<String, byte[]> reader() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1),
                topic.keyDeserializer(), topic.valueDeserializer());
    }
}
