package org.negotiationtimeline.timeline.negotiation;

import org.axonframework.serialization.Revision;
import java.time.Instant;

/** A negotiation began to be tracked. First event of every negotiation stream. */
@Revision("1")
public record NegotiationStarted(String negotiationId, String title, String description, Instant recordedAt)
        implements NegotiationEvent {
}
