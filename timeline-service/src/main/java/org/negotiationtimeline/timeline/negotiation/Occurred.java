package org.negotiationtimeline.timeline.negotiation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * When a development happened, as precisely as the sources say.
 *
 * <p>{@code value} is EDTF; {@code text} keeps the source's own words ("around midday");
 * {@code zone} reads values that carry no offset (default UTC). The derived bounds are stored in
 * the event, so consumers never need an EDTF parser and an answer never changes because a parser
 * did.
 */
public record Occurred(String value, String text, String zone, Instant earliest, Instant latest, Precision precision) {

    public static Occurred parse(String value, String text, String zone) {
        ZoneId zoneId;
        try {
            zoneId = zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidDevelopmentException("occurred.zone", "'" + zone + "' is not an IANA time zone");
        }
        try {
            Edtf.Range range = Edtf.parse(value, zoneId);
            return new Occurred(value.strip(), blankToNull(text), zone == null || zone.isBlank() ? null : zone,
                    range.earliest(), range.latest(), range.precision());
        } catch (DateTimeException e) {
            throw new InvalidDevelopmentException("occurred.value", e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
