package org.negotiationtimeline.timeline.negotiation;

/** How precisely a development's {@code occurred} value is known; derived from its EDTF form. */
public enum Precision {
    SECOND, MINUTE, HOUR,
    /** An interval of times within one calendar day: "around midday", "the evening". */
    PART_OF_DAY,
    DAY,
    /** An interval spanning days or more: "the weekend". */
    INTERVAL,
    MONTH, SEASON, YEAR,
    /** Qualified with {@code ~} or {@code %}: about that date; bounds widened by one unit each side. */
    APPROXIMATE,
    /** Qualified with {@code ?}: the source is unsure of the date itself. */
    UNCERTAIN
}
