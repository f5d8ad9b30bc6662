package org.negotiationtimeline.timeline.negotiation;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Amend a recorded development: a new event, the original stays as it was recorded. */
public record CorrectDevelopment(
        @TargetAggregateIdentifier String negotiationId,
        String correctionId,
        String eventId,
        DevelopmentContent set,
        String reason,
        List<SourceRef> sources,
        String requestFingerprint) {

    public CorrectDevelopment {
        if (set == null || set.changesNothing()) {
            throw new InvalidDevelopmentException("set", "a correction must set at least one field");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidDevelopmentException("reason", "is required");
        }
        if (sources == null || sources.isEmpty()) {
            throw new InvalidDevelopmentException("sources", "at least one source is required");
        }
        sources = List.copyOf(sources);
    }
}
