package org.negotiationtimeline.timeline.negotiation;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An actor joined the negotiation's registry. */
@Revision("1")
public record ActorRegistered(String negotiationId, String actorId, String name, String affiliation, ActorKind kind,
                              Instant recordedAt) implements NegotiationEvent {
}
