package org.negotiationtimeline.timeline.negotiation;

/**
 * Every event of a negotiation's stream. Sealed, so a switch over it is checked for
 * exhaustiveness when a new event type is added.
 */
public sealed interface NegotiationEvent permits NegotiationStarted, ActorRegistered, DevelopmentRecorded, DevelopmentCorrected,
        DevelopmentRetracted, DocumentCreated, VersionAdded, ProvisionStatusChanged {
    /** The negotiation the event belongs to: also its Kafka key, which keeps its order. */
    String negotiationId();

    /** When this system stored the event, from the server's clock. */
    java.time.Instant recordedAt();
}
