package org.negotiationtimeline.timeline.negotiation;

/** How an actor stands on a question. */
public enum Stance {
    SUPPORTS, OPPOSES, DEMANDS, REJECTS, PROPOSES, ACCEPTS
}
