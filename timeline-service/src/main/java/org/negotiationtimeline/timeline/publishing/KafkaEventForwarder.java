package org.negotiationtimeline.timeline.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Revision;
import org.negotiationtimeline.timeline.negotiation.NegotiationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every stored event to Kafka, in order per negotiation, at least once.
 *
 * <p>Runs in a tracking processor that reads the event store (application.yml says why not a
 * pooled one: a pooled processor polls this store every 500 ms when idle). Sends of a batch are
 * awaited before the batch's unit of work commits, and the processor's tracking token is stored in
 * that same commit: the token moves only after Kafka acknowledged every record of the batch. A
 * failure rolls the batch back and it is retried, which may publish some records again; consumers
 * skip those by {@code (ce_subject, ce_sequence)}.
 *
 * <p>A record Kafka refuses for what it is, not for the state Kafka is in (larger than
 * {@code max.request.size}, or invalid), would be refused on every retry and stop its segment for
 * good. Such an event is skipped instead, loudly: an ERROR naming it, a row in
 * {@code unpublished_event} (in the batch's transaction), and health DOWN while any row is there
 * (docs/operations.md says what to do). Every other failure is retried; health is DOWN meanwhile.
 */
@ProcessingGroup(KafkaEventForwarder.PROCESSING_GROUP)
public class KafkaEventForwarder {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventForwarder.class.getName() + ".pending";

    private static final Logger log = LoggerFactory.getLogger(KafkaEventForwarder.class);

    private final Producer<String, byte[]> producer;
    private final TimelineEventsTopic topic;
    private final long ackTimeoutMillis;
    private final EntityManager entityManager;
    private final StoreBarrier durable;
    private final Clock clock;
    /** The last failure of each processor thread (one segment each), until its next batch is acknowledged. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    public KafkaEventForwarder(Producer<String, byte[]> producer, TimelineEventsTopic topic, long ackTimeoutMillis,
                               EntityManager entityManager, StoreBarrier durable, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.ackTimeoutMillis = ackTimeoutMillis;
        this.entityManager = entityManager;
        this.durable = durable;
        this.clock = clock;
    }

    @EventHandler
    void on(NegotiationEvent event, @MessageIdentifier String messageId, @SourceId String streamId,
            @SequenceNumber long sequence) throws JsonProcessingException {
        Revision revision = event.getClass().getAnnotation(Revision.class);
        TimelineEventsTopic.Envelope envelope = new TimelineEventsTopic.Envelope(
                messageId, event.getClass().getSimpleName(), revision == null ? "1" : revision.value(),
                event.negotiationId(), streamId, sequence, event.recordedAt(), EventJson.MAPPER.writeValueAsBytes(event));
        pendingSends().add(new PendingSend(envelope, producer.send(topic.record(envelope))));
    }

    private record PendingSend(TimelineEventsTopic.Envelope envelope, Future<RecordMetadata> ack) {
    }

    /**
     * The sends of the current batch; the first call registers the wait for their acks. It also
     * makes the batch durable before its first send ({@link StoreBarrier}): the tracking processor
     * reads a whole batch before it hands out the first event, so one barrier covers the batch.
     */
    private List<PendingSend> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            durable.await();
            List<PendingSend> sends = new ArrayList<>();
            batch.onPrepareCommit(u -> awaitAcks(sends));
            return sends;
        });
    }

    private void awaitAcks(List<PendingSend> sends) {
        producer.flush();
        try {
            for (PendingSend send : sends) {
                try {
                    send.ack().get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!refusedForGood(e.getCause())) {
                        throw e;
                    }
                    skip(send.envelope(), e.getCause());
                }
            }
            failures.remove(Thread.currentThread().getName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(new KafkaPublishException("interrupted while awaiting Kafka's acknowledgement", e));
        } catch (ExecutionException | TimeoutException e) {
            throw failed(new KafkaPublishException("Kafka did not acknowledge a batch; it will be published again", e));
        }
    }

    /** Errors about the record itself: retrying the same record can only fail the same way. */
    private static boolean refusedForGood(Throwable error) {
        return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
                || error instanceof InvalidRecordException;
    }

    private void skip(TimelineEventsTopic.Envelope envelope, Throwable error) {
        UnpublishedEvent unpublished = new UnpublishedEvent(envelope, error.toString(), clock.instant());
        log.error("Kafka refuses {} for good; it stays in the event store but is NOT on the topic, and publishing "
                + "goes on without it (unpublished_event; docs/operations.md)", unpublished.describe());
        entityManager.merge(unpublished);
    }

    private KafkaPublishException failed(KafkaPublishException e) {
        failures.put(Thread.currentThread().getName(), e.getMessage() + ": " + e.getCause());
        return e;
    }

    /** Why publishing is failing now, per processor thread; empty while every batch is acknowledged. */
    public Map<String, String> currentFailures() {
        return Map.copyOf(failures);
    }

    /** The batch was not acknowledged; the processor rolls it back and retries. */
    public static class KafkaPublishException extends RuntimeException {
        KafkaPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
