package org.negotiationtimeline.timeline.negotiation;

/**
 * The answer to {@link RecordDevelopment}, and to each item of {@link RecordDevelopments}.
 *
 * @param sequence the event's position in its negotiation's stream
 * @param replayed true when the same development had been recorded before and nothing new was stored
 */
public record DevelopmentAccepted(String eventId, long sequence, boolean replayed) {
}
