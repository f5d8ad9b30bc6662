package org.negotiationtimeline.timeline.negotiation;

/**
 * A value a development's sources give for a subject, e.g. {@code reassurance-force.troops} =
 * {@code {min: 15000, max: 30000}}. Attributed to the development's sources. Claims on one subject
 * from different sources are all kept; nothing merges them.
 *
 * @param value any JSON value, as plain Java (map, list, string, number, boolean)
 * @param basis absent (REPORTED) unless INFERRED or noted; see {@link Basis}
 * @param note  what an INFERRED claim infers, and from what
 */
public record Claim(String subject, Object value, Basis basis, String note) {

    public Claim {
        basis = Basis.normalised(basis, note);
    }

    /** A claim as its sources report it. */
    public Claim(String subject, Object value) {
        this(subject, value, null, null);
    }
}
