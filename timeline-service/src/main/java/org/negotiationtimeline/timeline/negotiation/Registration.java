package org.negotiationtimeline.timeline.negotiation;

/**
 * The answer to a command that registers something under an id of the client's choosing (an
 * actor, a document): idempotent, so the same registration again is answered, not refused.
 *
 * @param sequence the stream's position once the registration is in it: its own event's sequence, or
 *                 for a repeat the stream's last sequence (at or after the first registration)
 * @param replayed true when it had been registered before, identically, and nothing new was stored
 */
public record Registration(long sequence, boolean replayed) {
}
