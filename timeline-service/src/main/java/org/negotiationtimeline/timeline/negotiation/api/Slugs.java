package org.negotiationtimeline.timeline.negotiation.api;

/** The id grammar shared by negotiations, actors and documents. */
final class Slugs {
    static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";
    static final String MESSAGE = "must be a slug: lower-case letters, digits and '-', 1 to 64 characters, not starting with '-'";
    /** Client-chosen event ids: wider than slugs so UUIDs and outlet-style ids fit. */
    static final String EVENT_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
    static final String EVENT_ID_MESSAGE = "must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    /** Claim subjects: dotted slugs, e.g. {@code reassurance-force.troops}. */
    static final String SUBJECT_PATTERN = "[a-z0-9][a-z0-9-]{0,63}(\\.[a-z0-9][a-z0-9-]{0,63}){0,7}";
    static final String SUBJECT_MESSAGE = "must be dotted slugs, e.g. reassurance-force.troops";

    private Slugs() {
    }
}
