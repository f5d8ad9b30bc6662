package org.negotiationtimeline.timeline.negotiation;

/** An actor (slug id) and the role it has in one development. */
public record ActorRef(String id, ActorRole role) {
}
