package org.negotiationtimeline.timeline.negotiation;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A negotiated text began to be tracked; its versions follow. */
@Revision("1")
public record DocumentCreated(String negotiationId, String documentId, String title, DocumentKind kind,
                              Instant recordedAt) implements NegotiationEvent {
}
