package org.negotiationtimeline.projection.consuming;

import java.util.List;
import java.util.Set;

/**
 * What the published format says about a development's fields, written once for every reader of
 * the topic (the projectors, and the reference fold the tests and the bench check them against).
 * projection-service does not depend on timeline-service, so these follow docs/schemas, and
 * {@code PublishedDevelopmentTest} holds them to it.
 */
public final class PublishedDevelopment {

    /** Payload fields of DevelopmentRecorded that are not part of a timeline item. */
    public static final Set<String> INTERNAL = Set.of("negotiationId", "contentFingerprint", "requestFingerprint");

    /**
     * Fields a correction sets one by one, in the shapes of DevelopmentRecorded: the properties of
     * {@code set} in docs/schemas/DevelopmentCorrected-2.json, in its order, but for {@link #BASIS}.
     */
    public static final List<String> CORRECTABLE = List.of("type", "occurred", "title", "summary", "actors", "topics",
            "location", "quote", "position", "sanctions", "appointment", "claims");

    /**
     * The last properties of {@code set}: one pair, as in the domain (a correction that sets the
     * basis sets the note with it), so a reader corrects them together, not field by field.
     */
    public static final List<String> BASIS = List.of("basis", "note");

    private PublishedDevelopment() {
    }
}
