package org.negotiationtimeline.timeline.negotiation;

/** A correction or retraction addressed to a development that was never recorded. */
public class UnknownEventException extends RuntimeException {
    public UnknownEventException(String eventId) {
        super("no development '" + eventId + "'");
    }
}
