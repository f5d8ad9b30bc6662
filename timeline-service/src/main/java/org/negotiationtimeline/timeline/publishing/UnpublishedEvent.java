package org.negotiationtimeline.timeline.publishing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A stored event that Kafka refused for good (e.g. larger than the producer's max.request.size),
 * kept beside the event store so that the gap on the topic stays visible after a restart.
 */
@Entity
@Table(name = "unpublished_event")
public class UnpublishedEvent {

    @Id
    @Column(name = "message_id", length = 64)
    private String messageId;

    @Column(name = "negotiation_id", length = 64, nullable = false)
    private String negotiationId;

    @Column(name = "stream_id", length = 200, nullable = false)
    private String streamId;

    @Column(name = "sequence_number", nullable = false)
    private long sequence;

    @Column(name = "event_type", length = 100, nullable = false)
    private String type;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "reason", length = 1000, nullable = false)
    private String reason;

    @Column(name = "refused_at", nullable = false)
    private Instant refusedAt;

    protected UnpublishedEvent() {
        // For JPA.
    }

    UnpublishedEvent(TimelineEventsTopic.Envelope envelope, String reason, Instant refusedAt) {
        this.messageId = envelope.id();
        this.negotiationId = envelope.negotiationId();
        this.streamId = envelope.streamId();
        this.sequence = envelope.sequence();
        this.type = envelope.type();
        this.sizeBytes = envelope.data().length;
        this.reason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        this.refusedAt = refusedAt;
    }

    /** How health and logs name it: {@code DevelopmentRecorded n-1 #7 (message 0f3…)}. */
    public String describe() {
        return type + " " + streamId + " #" + sequence + " (message " + messageId + ", " + sizeBytes + " bytes): " + reason;
    }
}
