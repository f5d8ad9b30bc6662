package org.negotiationtimeline.timeline.negotiation;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A provision's status, as someone reported it at a time ("Donbas: still open"), or as the recorder
 * reads it ({@code basis} INFERRED, with its {@code note}; absent means REPORTED, see {@link Basis}).
 */
@Revision("1")
public record ProvisionStatusChanged(String negotiationId, String documentId, String provisionId,
                                     ProvisionStatus status, String by, Occurred occurred, List<SourceRef> sources,
                                     Basis basis, String note,
                                     String requestFingerprint, Instant recordedAt) implements NegotiationEvent {

    public ProvisionStatusChanged {
        sources = List.copyOf(sources);
        basis = Basis.normalised(basis, note);
    }

    /** A status as its sources report it. */
    public ProvisionStatusChanged(String negotiationId, String documentId, String provisionId, ProvisionStatus status,
                                  String by, Occurred occurred, List<SourceRef> sources, String requestFingerprint,
                                  Instant recordedAt) {
        this(negotiationId, documentId, provisionId, status, by, occurred, sources, null, null, requestFingerprint,
                recordedAt);
    }
}
