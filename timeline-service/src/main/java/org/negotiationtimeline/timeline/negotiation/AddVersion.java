package org.negotiationtimeline.timeline.negotiation;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a version of a document with its full list of provisions.
 *
 * @param expectedVersion     the version the client last saw (optimistic concurrency); null to skip
 * @param reportedProvisionCount how many provisions the sources say it has ("the 28-point plan"),
 *                            when they do not list them; null otherwise
 */
public record AddVersion(
        @TargetAggregateIdentifier String negotiationId,
        String documentId,
        String label,
        Occurred occurred,
        VersionStatus status,
        TextAvailability textAvailable,
        Integer reportedProvisionCount,
        Integer expectedVersion,
        List<Provision> provisions,
        List<SourceRef> sources,
        String requestFingerprint) {

    public AddVersion {
        provisions = provisions == null ? List.of() : List.copyOf(provisions);
        if (sources == null || sources.isEmpty()) {
            throw new InvalidDevelopmentException("sources", "at least one source is required");
        }
        sources = List.copyOf(sources);
    }
}
