package org.negotiationtimeline.timeline.negotiation;

/**
 * The answer to a correction or retraction.
 *
 * @param id       the correction's or retraction's own id
 * @param eventId  the development it amends
 * @param sequence its position in the negotiation's stream
 * @param replayed true when it had been recorded before and nothing new was stored
 */
public record AmendmentAccepted(String id, String eventId, long sequence, boolean replayed) {
}
