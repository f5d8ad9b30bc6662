package org.negotiationtimeline.timeline.negotiation;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record where the parties stand on a provision, and who said so (or that it is our reading: {@link Basis}). */
public record ChangeProvisionStatus(
        @TargetAggregateIdentifier String negotiationId,
        String documentId,
        String provisionId,
        ProvisionStatus status,
        String by,
        Occurred occurred,
        List<SourceRef> sources,
        Basis basis,
        String note,
        String requestFingerprint) {

    public ChangeProvisionStatus {
        if (sources == null || sources.isEmpty()) {
            throw new InvalidDevelopmentException("sources", "at least one source is required");
        }
        sources = List.copyOf(sources);
        Basis.check(basis, note, "");
        basis = Basis.normalised(basis, note);
    }

    /** A status as its sources report it. */
    public ChangeProvisionStatus(String negotiationId, String documentId, String provisionId, ProvisionStatus status,
                                 String by, Occurred occurred, List<SourceRef> sources, String requestFingerprint) {
        this(negotiationId, documentId, provisionId, status, by, occurred, sources, null, null, requestFingerprint);
    }
}
