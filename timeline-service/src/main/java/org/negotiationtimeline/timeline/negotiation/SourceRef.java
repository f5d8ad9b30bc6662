package org.negotiationtimeline.timeline.negotiation;

import java.time.Instant;

/**
 * Where a development was reported. {@code via} is the outlet the report credits ("Reuters
 * reported"); {@code published} is when the outlet published it; {@code ref} names a local
 * document such as a seed file.
 */
public record SourceRef(String outlet, String via, Instant published, String url, String ref) {
}
