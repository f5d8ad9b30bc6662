package org.negotiationtimeline.projection.consuming;

import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one poll's records to the views in one transaction, together with the positions it
 * reached. Kafka delivers at least once; this is where "once" is restored:
 * <ul>
 *   <li>a record at or below a partition's stored offset is never re-read (the consumer seeks to
 *       the stored offset on assignment), and</li>
 *   <li>an event whose {@code (stream, sequence)} was already applied is skipped: the publisher
 *       may put the same event on the topic twice after a failed batch.</li>
 * </ul>
 */
public class BatchApplier {

    private static final Logger log = LoggerFactory.getLogger(BatchApplier.class);

    private final TimelineEventsTopic topic;
    private final ProjectionStore store;
    private final List<Projection> projections;
    private final TransactionTemplate transaction;

    public BatchApplier(TimelineEventsTopic topic, ProjectionStore store, List<Projection> projections,
                        TransactionTemplate transaction) {
        this.topic = topic;
        this.store = store;
        this.projections = List.copyOf(projections);
        this.transaction = transaction;
    }

    public void apply(ConsumerRecords<String, byte[]> records) {
        try {
            transaction.executeWithoutResult(status -> {
                for (TopicPartition partition : records.partitions()) {
                    List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
                    for (ConsumerRecord<String, byte[]> record : batch) {
                        applyOne(partition, record);
                    }
                    store.storeNextOffset(partition, batch.get(batch.size() - 1).offset() + 1);
                }
            });
        } catch (DataIntegrityViolationException e) {
            // An event clashes with the views (e.g. a key taken by another event): retrying the
            // batch would fail forever. Apply it one record per transaction to find and park it.
            log.warn("A batch broke a constraint of the views; applying it record by record: {}", e.getMessage());
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    applyAlone(partition, record);
                }
            }
        }
    }

    private void applyAlone(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        try {
            transaction.executeWithoutResult(status -> {
                applyOne(partition, record);
                store.storeNextOffset(partition, record.offset() + 1);
            });
        } catch (DataIntegrityViolationException e) {
            log.error("Parking {}@{}: it breaks a constraint of the views: {}", partition, record.offset(), e.getMessage());
            transaction.executeWithoutResult(status -> {
                store.storeDeadLetter(partition, record.offset(), "constraint: " + e.getMostSpecificCause(), record.value());
                TimelineMessage message = topic.read(record);
                store.storeAppliedSequence(message.streamId(), message.sequence());
                store.storeNextOffset(partition, record.offset() + 1);
            });
        }
    }

    private void applyOne(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        TimelineMessage message;
        try {
            message = topic.read(record);
        } catch (TimelineEventsTopic.MalformedMessageException e) {
            log.error("Parking unreadable record {}@{}: {}", partition, record.offset(), e.getMessage());
            store.storeDeadLetter(partition, record.offset(), e.getMessage(), record.value());
            return;
        }
        OptionalLong applied = store.lastAppliedSequence(message.streamId());
        if (applied.isPresent() && message.sequence() <= applied.getAsLong()) {
            log.debug("Skipping {} #{}: already applied", message.streamId(), message.sequence());
            return;
        }
        if (applied.isPresent() && message.sequence() > applied.getAsLong() + 1) {
            log.warn("Stream {} jumps from #{} to #{}", message.streamId(), applied.getAsLong(), message.sequence());
        }
        try {
            for (Projection projection : projections) {
                projection.apply(message);
            }
        } catch (DataAccessException e) {
            throw e; // The database refused: retry, or isolate the record (see apply).
        } catch (RuntimeException e) {
            // The event itself cannot be applied (a field missing or malformed). Projections read
            // and check before they write, so nothing of it reached the views: park it and go on.
            log.error("Parking {} #{} ({}): {}", message.streamId(), message.sequence(), message.type(), e.toString());
            store.storeDeadLetter(partition, record.offset(), message.type() + ": " + e, record.value());
        }
        store.storeAppliedSequence(message.streamId(), message.sequence());
    }
}
