package org.negotiationtimeline.timeline.negotiation;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a recorded development: it stays in history, marked retracted. */
public record RetractDevelopment(
        @TargetAggregateIdentifier String negotiationId,
        String retractionId,
        String eventId,
        String reason,
        List<SourceRef> sources,
        String requestFingerprint) {

    public RetractDevelopment {
        if (reason == null || reason.isBlank()) {
            throw new InvalidDevelopmentException("reason", "is required");
        }
        if (sources == null || sources.isEmpty()) {
            throw new InvalidDevelopmentException("sources", "at least one source is required");
        }
        sources = List.copyOf(sources);
    }
}
