package org.negotiationtimeline.projection.web;

/**
 * The {@code basis} query parameter of the timeline and state reads. {@code basis=REPORTED} keeps
 * only what sources state: developments, claims, positions, provisions and statuses marked
 * {@code basis: INFERRED} (the recorder's reading, with a note) are left out. Absent: everything,
 * inferences included and marked. It takes no other value: a filter on inferences alone is not
 * offered (limit of this revision).
 */
public final class BasisFilter {

    public static final String REPORTED = "REPORTED";

    private BasisFilter() {
    }

    /** True for {@code basis=REPORTED}; false when absent; a 400 problem for anything else. */
    public static boolean reportedOnly(String basis) {
        if (basis == null) {
            return false;
        }
        if (!basis.equals(REPORTED)) {
            throw new BadQueryException("basis", "must be REPORTED (only what sources state), or absent (everything)");
        }
        return true;
    }
}
