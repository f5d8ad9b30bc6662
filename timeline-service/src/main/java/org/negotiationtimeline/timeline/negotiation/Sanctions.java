package org.negotiationtimeline.timeline.negotiation;

/** A sanctions step: who imposes them on whom, which package, how far along. */
public record Sanctions(String by, String target, String packageName, Status status) {
    public enum Status {
        PLANNED, PROPOSED, ADOPTED
    }
}
