package org.negotiationtimeline.timeline.negotiation;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A development was withdrawn. It stays in history; views leave it out unless asked. */
@Revision("2")
public record DevelopmentRetracted(String negotiationId, String retractionId, String eventId, String reason,
                                   List<SourceRef> sources, String requestFingerprint,
                                   Instant recordedAt) implements NegotiationEvent {

    public DevelopmentRetracted {
        sources = List.copyOf(sources);
    }
}
