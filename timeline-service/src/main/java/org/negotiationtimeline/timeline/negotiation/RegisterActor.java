package org.negotiationtimeline.timeline.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register an actor of a negotiation, so every development names it by one id. */
public record RegisterActor(@TargetAggregateIdentifier String negotiationId, String actorId, String name,
                            String affiliation, ActorKind kind) {
}
