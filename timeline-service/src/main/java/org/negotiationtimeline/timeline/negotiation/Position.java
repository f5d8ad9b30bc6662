package org.negotiationtimeline.timeline.negotiation;

/** A position held: {@code holder} (an actor) {@code stance} {@code on} (a topic). */
public record Position(String holder, Stance stance, String on) {
}
