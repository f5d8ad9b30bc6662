package org.negotiationtimeline.timeline.negotiation.api;

/** A command addressed to a negotiation that was never started. */
public class UnknownNegotiationException extends RuntimeException {
    public UnknownNegotiationException(String negotiationId) {
        super("no negotiation '" + negotiationId + "'");
    }
}
