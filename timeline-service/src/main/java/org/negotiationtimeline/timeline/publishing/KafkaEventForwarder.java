package org.negotiationtimeline.timeline.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Revision;
import org.negotiationtimeline.timeline.negotiation.NegotiationEvent;

/**
 * Publishes every stored event to Kafka, in order per negotiation, at least once.
 *
 * <p>Runs in a tracking processor that reads the event store (application.yml says why not a
 * pooled one: a pooled processor polls this store every 500 ms when idle). Sends of a batch are
 * awaited before the batch's unit of work commits, and the processor's tracking token is stored in
 * that same commit: the token moves only after Kafka acknowledged every record of the batch. A
 * failure rolls the batch back and it is retried, which may publish some records again; consumers
 * skip those by {@code (ce_subject, ce_sequence)}.
 */
@ProcessingGroup(KafkaEventForwarder.PROCESSING_GROUP)
public class KafkaEventForwarder {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventForwarder.class.getName() + ".pending";

    private final Producer<String, byte[]> producer;
    private final TimelineEventsTopic topic;
    private final long ackTimeoutMillis;

    public KafkaEventForwarder(Producer<String, byte[]> producer, TimelineEventsTopic topic, long ackTimeoutMillis) {
        this.producer = producer;
        this.topic = topic;
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    @EventHandler
    void on(NegotiationEvent event, @MessageIdentifier String messageId, @SourceId String streamId,
            @SequenceNumber long sequence) throws JsonProcessingException {
        Revision revision = event.getClass().getAnnotation(Revision.class);
        TimelineEventsTopic.Envelope envelope = new TimelineEventsTopic.Envelope(
                messageId, event.getClass().getSimpleName(), revision == null ? "1" : revision.value(),
                event.negotiationId(), streamId, sequence, event.recordedAt(), EventJson.MAPPER.writeValueAsBytes(event));
        pendingSends().add(producer.send(topic.record(envelope)));
    }

    /** The sends of the current batch; the first call registers the wait for their acks. */
    private List<Future<RecordMetadata>> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            batch.onPrepareCommit(u -> awaitAcks(sends));
            return sends;
        });
    }

    private void awaitAcks(List<Future<RecordMetadata>> sends) {
        producer.flush();
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaPublishException("interrupted while awaiting Kafka's acknowledgement", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaPublishException("Kafka did not acknowledge a batch; it will be published again", e);
        }
    }

    /** The batch was not acknowledged; the processor rolls it back and retries. */
    public static class KafkaPublishException extends RuntimeException {
        KafkaPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
