package org.negotiationtimeline.timeline.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Start tracking a negotiated text. */
public record CreateDocument(@TargetAggregateIdentifier String negotiationId, String documentId, String title,
                             DocumentKind kind) {
}
