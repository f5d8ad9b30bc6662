package org.negotiationtimeline.timeline.negotiation;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A document version was recorded, with what changed per provision against the previous version
 * (or, for a first version, against the provisions it derives from in other documents).
 *
 * @param version from 1, per document
 */
@Revision("1")
public record VersionAdded(
        String negotiationId,
        String documentId,
        int version,
        String label,
        Occurred occurred,
        VersionStatus status,
        TextAvailability textAvailable,
        Integer reportedProvisionCount,
        List<Provision> provisions,
        List<ProvisionChange> changes,
        List<SourceRef> sources,
        String requestFingerprint,
        Instant recordedAt) implements NegotiationEvent {

    public VersionAdded {
        provisions = List.copyOf(provisions);
        changes = List.copyOf(changes);
        sources = List.copyOf(sources);
    }
}
