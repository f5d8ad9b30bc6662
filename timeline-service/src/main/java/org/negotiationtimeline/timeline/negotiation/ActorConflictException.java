package org.negotiationtimeline.timeline.negotiation;

/** An actor id already registered with a different name, affiliation or kind. */
public class ActorConflictException extends RuntimeException {
    public ActorConflictException(String actorId) {
        super("actor '" + actorId + "' is already registered with different details");
    }
}
