package org.negotiationtimeline.timeline.negotiation;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a reported development in a negotiation. */
public record RecordDevelopment(
        @TargetAggregateIdentifier String negotiationId,
        String eventId,
        DevelopmentType type,
        Occurred occurred,
        String title,
        String summary,
        List<ActorRef> actors,
        List<String> topics,
        String location,
        Quote quote,
        Position position,
        Sanctions sanctions,
        Appointment appointment,
        List<SourceRef> sources,
        List<Claim> claims,
        String requestFingerprint) {

    public RecordDevelopment {
        // Backstop for callers other than the HTTP API, which reports these per field first.
        if (type == null || occurred == null || title == null || title.isBlank()) {
            throw new InvalidDevelopmentException("type", "type, occurred and title are required");
        }
        if (sources == null || sources.isEmpty()) {
            throw new InvalidDevelopmentException("sources", "at least one source is required");
        }
        actors = List.copyOf(actors);
        topics = List.copyOf(topics);
        sources = List.copyOf(sources);
        claims = claims == null ? List.of() : List.copyOf(claims);
    }
}
