package org.negotiationtimeline.timeline.negotiation;

/** An event id that is already taken by a development with different content. */
public class EventIdConflictException extends RuntimeException {
    public EventIdConflictException(String eventId) {
        super("event id '" + eventId + "' is already recorded with different content");
    }
}
