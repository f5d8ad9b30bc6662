package org.negotiationtimeline.timeline.negotiation;

import java.util.List;

/**
 * The fields a correction sets on a development; null means "unchanged". A correction replaces a
 * field's value; it cannot clear an optional field (limit of this revision).
 */
public record DevelopmentChanges(
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
        List<Claim> claims) {

    public boolean hasNoChanges() {
        return type == null && occurred == null && title == null && summary == null && actors == null
                && topics == null && location == null && quote == null && position == null && sanctions == null
                && appointment == null && claims == null;
    }

    /** The development as it reads with these changes applied. */
    DevelopmentRecorded applyTo(DevelopmentRecorded d) {
        return new DevelopmentRecorded(d.negotiationId(), d.eventId(), or(type, d.type()), or(occurred, d.occurred()),
                or(title, d.title()), or(summary, d.summary()), or(actors, d.actors()), or(topics, d.topics()),
                or(location, d.location()), or(quote, d.quote()), or(position, d.position()),
                or(sanctions, d.sanctions()), or(appointment, d.appointment()), d.sources(), or(claims, d.claims()),
                d.requestFingerprint(), d.recordedAt());
    }

    private static <T> T or(T changed, T original) {
        return changed != null ? changed : original;
    }
}
