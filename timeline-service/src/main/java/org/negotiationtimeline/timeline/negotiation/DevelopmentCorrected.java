package org.negotiationtimeline.timeline.negotiation;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A development was corrected: {@code set} replaces those of its fields (null: unchanged). What was known before
 * {@code recordedAt} is unchanged.
 */
@Revision("2")
public record DevelopmentCorrected(String negotiationId, String correctionId, String eventId, DevelopmentContent set,
                                   String reason, List<SourceRef> sources, String requestFingerprint,
                                   Instant recordedAt) implements NegotiationEvent {

    public DevelopmentCorrected {
        sources = List.copyOf(sources);
    }
}
