package org.negotiationtimeline.timeline.negotiation;

/** The part an actor plays in one development. */
public enum ActorRole {
    PARTICIPANT, SPEAKER, HOST, MEDIATOR, SUBJECT
}
