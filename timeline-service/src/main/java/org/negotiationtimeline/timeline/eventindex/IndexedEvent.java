package org.negotiationtimeline.timeline.eventindex;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Which negotiation an event id belongs to. */
@Entity
@Table(name = "event_index")
public class IndexedEvent {

    @Id
    @Column(name = "event_id", length = 128)
    private String eventId;

    @Column(name = "negotiation_id", length = 64, nullable = false)
    private String negotiationId;

    protected IndexedEvent() {
        // For JPA.
    }

    IndexedEvent(String eventId, String negotiationId) {
        this.eventId = eventId;
        this.negotiationId = negotiationId;
    }

    String eventId() {
        return eventId;
    }

    public String negotiationId() {
        return negotiationId;
    }
}
