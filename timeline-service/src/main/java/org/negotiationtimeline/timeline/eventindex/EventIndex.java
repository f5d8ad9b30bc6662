package org.negotiationtimeline.timeline.eventindex;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
 *
 * <p>A command's events reach this processor as one batch (e.g. every development of a
 * {@code RecordDevelopments}): the ids it already holds are read for the whole batch in one query,
 * not one lookup per event.
 */
@ProcessingGroup(EventIndex.PROCESSING_GROUP)
public class EventIndex {

    public static final String PROCESSING_GROUP = "event-index";
    /** Bound on the ids of one IN list: well below what H2 and PostgreSQL accept. */
    private static final int LOOKUP_CHUNK = 500;
    private static final String KNOWN_IDS = EventIndex.class.getName() + ".knownIds";

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
        Map<String, String> known = knownIdsOfThisBatch();
        String existing = known.containsKey(eventId) ? known.get(eventId) : lookUp(eventId);
        if (existing != null && !existing.equals(negotiationId)) {
            throw new EventIdConflictException(eventId);
        }
        if (existing == null) {
            entityManager.persist(new IndexedEvent(eventId, negotiationId));
            known.put(eventId, negotiationId);
        }
    }

    private String lookUp(String eventId) {
        IndexedEvent found = entityManager.find(IndexedEvent.class, eventId);
        return found == null ? null : found.negotiationId();
    }

    /**
     * Every id the current processing batch indexes, with its negotiation if it is already indexed
     * (null if not): read once per batch. Outside a batch, or for a single id, an empty map (each id
     * is then looked up by its primary key).
     */
    private Map<String, String> knownIdsOfThisBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(KNOWN_IDS, key -> {
            List<String> ids = new ArrayList<>();
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
                for (Object message : batch.getMessages()) {
                    String id = message instanceof EventMessage<?> event ? indexedId(event.getPayload()) : null;
                    if (id != null) {
                        ids.add(id);
                    }
                }
            }
            Map<String, String> known = new HashMap<>();
            if (ids.size() < 2) {
                return known; // One id: its primary-key lookup (lookUp) is cheaper than a query.
            }
            ids.forEach(id -> known.put(id, null));
            for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
                entityManager.createQuery("SELECT e FROM IndexedEvent e WHERE e.eventId IN :ids", IndexedEvent.class)
                        .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK)))
                        .getResultList()
                        .forEach(e -> known.put(e.eventId(), e.negotiationId()));
            }
            return known;
        });
    }

    /** The id an event takes in the index, or null for events that take none. */
    private static String indexedId(Object payload) {
        if (payload instanceof DevelopmentRecorded e) {
            return e.eventId();
        }
        if (payload instanceof DevelopmentCorrected e) {
            return e.correctionId();
        }
        if (payload instanceof DevelopmentRetracted e) {
            return e.retractionId();
        }
        return null;
    }
}
