package org.negotiationtimeline.projection.consuming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one poll's records to the views in one transaction, together with the positions it
 * reached. Kafka delivers at least once; this is where "once" is restored:
 * <ul>
 *   <li>a record at or below a partition's stored offset is never re-read (the consumer seeks to
 *       the stored offset on assignment), and</li>
 *   <li>an event whose {@code (stream, sequence)} was already applied is skipped: the publisher
 *       may put the same event on the topic twice after a failed batch. A different event (another
 *       message id) at a position already applied is parked instead: the topic then holds two
 *       histories of that stream.</li>
 * </ul>
 * The bookkeeping is read once per batch and written once at its end, and the projections' rows
 * go through {@link ViewWriter}: a batch costs a few round trips per table, not several per record.
 */
public class BatchApplier {

    private static final Logger log = LoggerFactory.getLogger(BatchApplier.class);

    private final TimelineEventsTopic topic;
    private final ProjectionStore store;
    private final List<Projection> projections;
    private final ViewWriter views;
    private final TransactionTemplate transaction;
    private final AppliedPositions positions;

    public BatchApplier(TimelineEventsTopic topic, ProjectionStore store, List<Projection> projections, ViewWriter views,
                        TransactionTemplate transaction) {
        this.topic = topic;
        this.store = store;
        this.projections = List.copyOf(projections);
        this.views = views;
        this.transaction = transaction;
        this.positions = new AppliedPositions(stream -> store.appliedSequences(List.of(stream)).last(stream));
    }

    /** What this applier has committed, per stream: told after each commit (read-your-writes waits on it). */
    public AppliedPositions positions() {
        return positions;
    }

    /** Serialised with {@link #replay}: the consumer's thread and a replay never apply at once. */
    public synchronized void apply(ConsumerRecords<String, byte[]> records) {
        List<Delivery> deliveries = new ArrayList<>(records.count());
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                deliveries.add(read(partition, record));
            }
        }
        try {
            committed(transaction.execute(status -> applyAll(deliveries)));
        } catch (DataIntegrityViolationException e) {
            // An event clashes with the views (e.g. a key taken by another event): retrying the
            // batch would fail forever. Apply it one record per transaction to find and park it.
            log.warn("A batch broke a constraint of the views; applying it record by record: {}", e.getMessage());
            for (Delivery delivery : deliveries) {
                applyAlone(delivery);
            }
        }
    }

    /**
     * Applies a parked record again, read anew from the topic, in one transaction: what a fixed
     * bug or an upgrade needs. The record is applied as if its {@code (stream, sequence)} were new,
     * as long as the only event known at that position is this very one (its parking marked it
     * applied so that the stream could go on, but none of it reached the views); another event
     * there is still a conflict. On success its dead letter is deleted in the same transaction.
     *
     * @return null when applied; otherwise why it stays parked
     */
    public synchronized String replay(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Delivery delivery = read(partition, record);
        TimelineMessage message = delivery.message();
        if (message == null) {
            return delivery.unreadable();
        }
        try {
            return transaction.execute(status -> {
                String appliedId = store.appliedMessageId(message.streamId(), message.sequence());
                if (appliedId != null && !appliedId.equals(message.id())) {
                    return "conflict: " + message.streamId() + " #" + message.sequence() + " was applied as message "
                            + appliedId + "; this record is message " + message.id() + " (" + message.type() + ")";
                }
                for (Projection projection : projections) {
                    projection.apply(message);
                }
                views.flush();
                if (appliedId == null) {
                    ProjectionStore.AppliedSequences applied = store.appliedSequences(List.of(message.streamId()));
                    Long last = applied.last(message.streamId());
                    if (last == null || message.sequence() > last) {
                        applied.applied(message.streamId(), message.sequence(), message.id());
                        store.storeAppliedSequences(applied);
                    } else {
                        store.storeAppliedEvent(message.streamId(), message.sequence(), message.id());
                    }
                }
                store.deleteDeadLetter(partition, record.offset());
                afterCommit(() -> positions.advanced(Map.of(message.streamId(), message.sequence())));
                log.info("Replayed the dead letter {}@{}: {} #{} ({}) applied", partition, record.offset(),
                        message.streamId(), message.sequence(), message.type());
                return null;
            });
        } catch (RuntimeException e) {
            // Rolled back: nothing of it reached the views, and it stays parked.
            log.warn("Replaying the dead letter {}@{} failed; it stays parked: {}", partition, record.offset(), e.toString());
            return message.type() + ": " + e;
        }
    }

    /** A record as read from the topic: its message, or why it could not be read. */
    private record Delivery(TopicPartition partition, ConsumerRecord<String, byte[]> record, TimelineMessage message,
                            String unreadable) {
    }

    private Delivery read(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        try {
            return new Delivery(partition, record, topic.read(record), null);
        } catch (TimelineEventsTopic.MalformedMessageException e) {
            return new Delivery(partition, record, null, e.getMessage());
        }
    }

    private void committed(ProjectionStore.AppliedSequences applied) {
        positions.advanced(applied.moved());
    }

    /**
     * A replayed dead letter's position counts once its transaction commits (it may lie below the
     * stream's last applied sequence, which {@link AppliedPositions} then keeps).
     */
    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private ProjectionStore.AppliedSequences applyAll(List<Delivery> deliveries) {
        Set<String> streams = new LinkedHashSet<>();
        for (Delivery delivery : deliveries) {
            if (delivery.message() != null) {
                streams.add(delivery.message().streamId());
            }
        }
        ProjectionStore.AppliedSequences applied = store.appliedSequences(streams);
        Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            applyOne(delivery, applied);
            nextOffsets.put(delivery.partition(), delivery.record().offset() + 1);
        }
        views.flush();
        store.storeAppliedSequences(applied);
        nextOffsets.forEach(store::storeNextOffset);
        return applied;
    }

    private void applyAlone(Delivery delivery) {
        try {
            committed(transaction.execute(status -> applyAll(List.of(delivery))));
        } catch (DataIntegrityViolationException e) {
            TopicPartition partition = delivery.partition();
            long offset = delivery.record().offset();
            log.error("Parking {}@{}: it breaks a constraint of the views: {}", partition, offset, e.getMessage());
            String error = "constraint: " + e.getMostSpecificCause();
            try {
                transaction.executeWithoutResult(status -> {
                    store.storeDeadLetter(partition, offset, error, delivery.record().value());
                    if (delivery.message() != null) {
                        String stream = delivery.message().streamId();
                        ProjectionStore.AppliedSequences applied = store.appliedSequences(List.of(stream));
                        applied.applied(stream, delivery.message().sequence(), delivery.message().id());
                        store.storeAppliedSequences(applied);
                        afterCommit(() -> positions.advanced(applied.moved()));
                    }
                    store.storeNextOffset(partition, offset + 1);
                });
            } catch (DataIntegrityViolationException parking) {
                // Even the dead letter is refused (its value, or a stream id the bookkeeping cannot
                // hold): park what surely fits, or the record would be retried forever.
                log.error("Parking {}@{} without its value or sequence: {}", partition, offset, parking.getMessage());
                transaction.executeWithoutResult(status -> {
                    store.storeDeadLetter(partition, offset,
                            error + "; parked without its value: " + parking.getMostSpecificCause(), null);
                    store.storeNextOffset(partition, offset + 1);
                });
            }
        }
    }

    private void applyOne(Delivery delivery, ProjectionStore.AppliedSequences applied) {
        TopicPartition partition = delivery.partition();
        ConsumerRecord<String, byte[]> record = delivery.record();
        TimelineMessage message = delivery.message();
        if (message == null) {
            log.error("Parking unreadable record {}@{}: {}", partition, record.offset(), delivery.unreadable());
            store.storeDeadLetter(partition, record.offset(), delivery.unreadable(), record.value());
            return;
        }
        Long last = applied.last(message.streamId());
        if (last != null && message.sequence() <= last) {
            String appliedId = applied.appliedInBatch(message.streamId(), message.sequence());
            if (appliedId == null) {
                appliedId = store.appliedMessageId(message.streamId(), message.sequence());
            }
            if (appliedId != null && !appliedId.equals(message.id())) {
                // Not a re-delivery: another history. The event store and the topic disagree.
                String conflict = "conflict: " + message.streamId() + " #" + message.sequence() + " was applied as message "
                        + appliedId + "; this record is message " + message.id() + " (" + message.type() + ")";
                log.error("Parking {}@{}: {} (docs/operations.md, Back up and rebuild)", partition, record.offset(), conflict);
                store.storeDeadLetter(partition, record.offset(), conflict, record.value());
                return;
            }
            log.debug("Skipping {} #{}: already applied", message.streamId(), message.sequence());
            return;
        }
        if (last != null && message.sequence() > last + 1) {
            log.warn("Stream {} jumps from #{} to #{}", message.streamId(), last, message.sequence());
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
        applied.applied(message.streamId(), message.sequence(), message.id());
    }
}
