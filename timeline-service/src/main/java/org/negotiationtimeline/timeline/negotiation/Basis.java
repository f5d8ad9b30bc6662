package org.negotiationtimeline.timeline.negotiation;

/**
 * What a development, claim, provision or provision status rests on. {@link #REPORTED} (the
 * default, and what an absent {@code basis} means): its sources say it. {@link #INFERRED}: it is
 * the recorder's reading of its sources, not their report, and its {@code note} says what is
 * inferred and from what. The published JSON leaves {@code basis} out when it is REPORTED with no
 * note, so events recorded without one read, and serialise, as before.
 */
public enum Basis {
    REPORTED,
    INFERRED;

    /** The domain's form of a request's pair: REPORTED without a note is the default, so absent. */
    public static Basis normalised(Basis basis, String note) {
        return basis == REPORTED && note == null ? null : basis;
    }

    /**
     * The one rule of the pair: an inference says what it is. {@code prefix} locates the pair in
     * the request ("" for the top level, "claims[0]." for a claim).
     */
    static void check(Basis basis, String note, String prefix) {
        if (basis == INFERRED && (note == null || note.isBlank())) {
            throw new InvalidDevelopmentException(prefix + "note",
                    "is required when basis is INFERRED: say what is inferred, and from what");
        }
    }

    /** True when the item is the recorder's inference (absent means REPORTED). */
    public static boolean inferred(Basis basis) {
        return basis == INFERRED;
    }
}
