package org.negotiationtimeline.timeline.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Revision 1 → 2 of an event that renamed {@code contentFingerprint} to {@code requestFingerprint}
 * (the digest is of the request, and a correction changes the content but not it). Stored events
 * are never rewritten: each revision-1 payload is upcast as it is read.
 */
public final class FingerprintRenamed extends SingleEventUpcaster {

    private final SimpleSerializedType revision1;
    private final SimpleSerializedType revision2;

    public FingerprintRenamed(Class<?> eventType) {
        this.revision1 = new SimpleSerializedType(eventType.getName(), "1");
        this.revision2 = new SimpleSerializedType(eventType.getName(), "2");
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(revision1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(revision2, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            event.set("requestFingerprint", event.remove("contentFingerprint"));
            return event;
        });
    }
}
