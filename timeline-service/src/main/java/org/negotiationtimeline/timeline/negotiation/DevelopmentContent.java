package org.negotiationtimeline.timeline.negotiation;

import java.util.List;

/**
 * What a development says: every field a correction may set. Its id and sources are not part of
 * it, since a correction cites sources of its own. A new field of a development is added here,
 * in {@link DevelopmentRecorded} (whose flat JSON is the public schema), and in the request bodies.
 *
 * <p>Used whole when a development is recorded ({@link #recorded()}), and as a set of changes in a
 * correction, where null means "unchanged". A correction replaces a field's value; it cannot
 * clear an optional field (limit of this revision). {@code basis} and {@code note} are one pair:
 * a correction that sets {@code basis} sets the note with it (absent: none); one that sets only
 * {@code note} keeps the basis.
 *
 * @param basis null for the default, {@link Basis#REPORTED} with no note ({@link Basis})
 * @param note  what an {@link Basis#INFERRED} development infers, and from what
 */
public record DevelopmentContent(
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
        List<Claim> claims,
        Basis basis,
        String note) {

    public DevelopmentContent {
        actors = actors == null ? null : List.copyOf(actors);
        topics = topics == null ? null : List.copyOf(topics);
        claims = claims == null ? null : List.copyOf(claims);
        // basis is not normalised here: in a correction's changes, REPORTED means "no longer inferred".
    }

    /** Content as the sources report it (no basis, no note). */
    public DevelopmentContent(DevelopmentType type, Occurred occurred, String title, String summary,
                              List<ActorRef> actors, List<String> topics, String location, Quote quote,
                              Position position, Sanctions sanctions, Appointment appointment, List<Claim> claims) {
        this(type, occurred, title, summary, actors, topics, location, quote, position, sanctions, appointment, claims,
                null, null);
    }

    /** As a development is recorded: type, occurred and title present, absent lists empty. */
    DevelopmentContent recorded() {
        // Backstop for callers other than the HTTP API, which reports these per field first.
        if (type == null || occurred == null || title == null || title.isBlank()) {
            throw new InvalidDevelopmentException("type", "type, occurred and title are required");
        }
        return new DevelopmentContent(type, occurred, title, summary, orEmpty(actors), orEmpty(topics), location,
                quote, position, sanctions, appointment, orEmpty(claims), Basis.normalised(basis, note), note);
    }

    /** True when, read as changes, it changes nothing. (Not {@code isEmpty}: Jackson would write it.) */
    public boolean changesNothing() {
        return equals(new DevelopmentContent(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null));
    }

    /** This content with {@code changes} applied: each field they set replaces this one's. */
    DevelopmentContent with(DevelopmentContent changes) {
        return new DevelopmentContent(or(changes.type, type), or(changes.occurred, occurred), or(changes.title, title),
                or(changes.summary, summary), or(changes.actors, actors), or(changes.topics, topics),
                or(changes.location, location), or(changes.quote, quote), or(changes.position, position),
                or(changes.sanctions, sanctions), or(changes.appointment, appointment), or(changes.claims, claims),
                Basis.normalised(or(changes.basis, basis), changes.basis != null ? changes.note : or(changes.note, note)),
                changes.basis != null ? changes.note : or(changes.note, note));
    }

    private static <T> T or(T changed, T original) {
        return changed != null ? changed : original;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
