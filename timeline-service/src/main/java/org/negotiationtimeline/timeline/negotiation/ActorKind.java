package org.negotiationtimeline.timeline.negotiation;

/** What an actor is. */
public enum ActorKind {
    PERSON, STATE, ORGANISATION, GROUP
}
