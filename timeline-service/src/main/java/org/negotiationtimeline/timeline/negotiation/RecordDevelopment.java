package org.negotiationtimeline.timeline.negotiation;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a reported development in a negotiation. */
public record RecordDevelopment(
        @TargetAggregateIdentifier String negotiationId,
        String eventId,
        DevelopmentContent content,
        List<SourceRef> sources,
        String requestFingerprint) {

    public RecordDevelopment {
        if (content == null) {
            throw new InvalidDevelopmentException("type", "type, occurred and title are required");
        }
        content = content.recorded();
        if (sources == null || sources.isEmpty()) {
            throw new InvalidDevelopmentException("sources", "at least one source is required");
        }
        sources = List.copyOf(sources);
    }
}
