package org.negotiationtimeline.timeline.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Start tracking a negotiation under a slug id. */
public record StartNegotiation(@TargetAggregateIdentifier String negotiationId, String title, String description) {
}
