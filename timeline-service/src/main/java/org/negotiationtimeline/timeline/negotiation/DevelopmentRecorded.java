package org.negotiationtimeline.timeline.negotiation;

import org.axonframework.serialization.Revision;
import java.time.Instant;
import java.util.List;

/**
 * A reported development was recorded. Immutable once stored: later knowledge arrives as new
 * events that refer to {@code eventId}.
 *
 * @param requestFingerprint digest of the request body without its id, kept so that a repeated
 *                           {@code eventId} can be told apart from a conflicting one after a restart.
 *                           Revision 1 called it {@code contentFingerprint}; after a correction it no
 *                           longer describes the content, only the request (see FingerprintRenamed)
 * @param recordedAt         when this system stored it, from the server's clock
 * @param basis              absent (REPORTED) unless it is INFERRED or carries a note ({@link Basis})
 *
 * <p>Flat, not holding a {@link DevelopmentContent}: its JSON is the published schema
 * (docs/schemas), and stored events must keep reading. Build it with {@link #of}.
 */
@Revision("2")
public record DevelopmentRecorded(
        String negotiationId,
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
        Basis basis,
        String note,
        String requestFingerprint,
        Instant recordedAt) implements NegotiationEvent {

    public DevelopmentRecorded {
        actors = List.copyOf(actors);
        topics = List.copyOf(topics);
        sources = List.copyOf(sources);
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    public static DevelopmentRecorded of(String negotiationId, String eventId, DevelopmentContent content,
                                         List<SourceRef> sources, String requestFingerprint, Instant recordedAt) {
        DevelopmentContent c = content.recorded();
        return new DevelopmentRecorded(negotiationId, eventId, c.type(), c.occurred(), c.title(), c.summary(),
                c.actors(), c.topics(), c.location(), c.quote(), c.position(), c.sanctions(), c.appointment(), sources,
                c.claims(), c.basis(), c.note(), requestFingerprint, recordedAt);
    }

    /** What it says, as first recorded. Not a bean getter, so it is not part of the JSON. */
    public DevelopmentContent content() {
        return new DevelopmentContent(type, occurred, title, summary, actors, topics, location, quote, position,
                sanctions, appointment, claims, basis, note);
    }
}
