package org.negotiationtimeline.timeline.negotiation;

/** A retracted development cannot be corrected or retracted again. */
public class DevelopmentRetractedException extends RuntimeException {
    public DevelopmentRetractedException(String eventId) {
        super("development '" + eventId + "' has been retracted");
    }
}
