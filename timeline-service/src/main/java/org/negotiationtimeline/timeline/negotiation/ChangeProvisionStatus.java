package org.negotiationtimeline.timeline.negotiation;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record where the parties stand on a provision, and who said so. */
public record ChangeProvisionStatus(
        @TargetAggregateIdentifier String negotiationId,
        String documentId,
        String provisionId,
        ProvisionStatus status,
        String by,
        Occurred occurred,
        List<SourceRef> sources,
        String requestFingerprint) {

    public ChangeProvisionStatus {
        if (sources == null || sources.isEmpty()) {
            throw new InvalidDevelopmentException("sources", "at least one source is required");
        }
        sources = List.copyOf(sources);
    }
}
