package org.negotiationtimeline.timeline.negotiation;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A provision's status, as someone reported it at a time ("Donbas: still open"). */
@Revision("1")
public record ProvisionStatusChanged(String negotiationId, String documentId, String provisionId,
                                     ProvisionStatus status, String by, Occurred occurred, List<SourceRef> sources,
                                     String requestFingerprint, Instant recordedAt) implements NegotiationEvent {

    public ProvisionStatusChanged {
        sources = List.copyOf(sources);
    }
}
