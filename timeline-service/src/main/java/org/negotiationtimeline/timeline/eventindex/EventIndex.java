package org.negotiationtimeline.timeline.eventindex;

import jakarta.persistence.EntityManager;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.negotiationtimeline.timeline.negotiation.DevelopmentCorrected;
import org.negotiationtimeline.timeline.negotiation.DevelopmentRecorded;
import org.negotiationtimeline.timeline.negotiation.DevelopmentRetracted;
import org.negotiationtimeline.timeline.negotiation.DocumentConflictException;
import org.negotiationtimeline.timeline.negotiation.DocumentCreated;
import org.negotiationtimeline.timeline.negotiation.EventIdConflictException;

/**
 * Every event id and document id with its negotiation: routes {@code /api/events/{eventId}/…} and
 * {@code /api/documents/{docId}/…} commands to their aggregate, and makes those ids unique across
 * negotiations.
 *
 * <p>Its handlers run in a subscribing processor, inside the transaction that appends the event:
 * an id already taken by another negotiation fails that transaction, so the event is not stored
 * (409). Limit: being written only as events are appended, the index cannot be rebuilt by replay;
 * it lives and is backed up with the event store.
 */
@ProcessingGroup(EventIndex.PROCESSING_GROUP)
public class EventIndex {

    public static final String PROCESSING_GROUP = "event-index";

    private final EntityManager entityManager;

    public EventIndex(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<String> negotiationOf(String eventId) {
        return Optional.ofNullable(entityManager.find(IndexedEvent.class, eventId)).map(IndexedEvent::negotiationId);
    }

    public Optional<String> negotiationOfDocument(String documentId) {
        return Optional.ofNullable(entityManager.find(IndexedDocument.class, documentId)).map(IndexedDocument::negotiationId);
    }

    @EventHandler
    void on(DocumentCreated event) {
        IndexedDocument existing = entityManager.find(IndexedDocument.class, event.documentId());
        if (existing != null && !existing.negotiationId().equals(event.negotiationId())) {
            throw new DocumentConflictException(event.documentId());
        }
        if (existing == null) {
            entityManager.persist(new IndexedDocument(event.documentId(), event.negotiationId()));
        }
    }

    @EventHandler
    void on(DevelopmentRecorded event) {
        index(event.eventId(), event.negotiationId());
    }

    @EventHandler
    void on(DevelopmentCorrected event) {
        index(event.correctionId(), event.negotiationId());
    }

    @EventHandler
    void on(DevelopmentRetracted event) {
        index(event.retractionId(), event.negotiationId());
    }

    private void index(String eventId, String negotiationId) {
        IndexedEvent existing = entityManager.find(IndexedEvent.class, eventId);
        if (existing != null && !existing.negotiationId().equals(negotiationId)) {
            throw new EventIdConflictException(eventId);
        }
        if (existing == null) {
            entityManager.persist(new IndexedEvent(eventId, negotiationId));
        }
    }
}
