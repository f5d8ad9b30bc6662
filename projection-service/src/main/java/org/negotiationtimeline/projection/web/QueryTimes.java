package org.negotiationtimeline.projection.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Reads the time parameters of queries: an instant with offset ({@code 2026-01-06T12:00Z}) or a
 * date. A date means its whole day in {@code zone} (UTC by default): as an upper bound, the end of
 * that day, inclusive to the microsecond (the resolution of stored bounds); as a lower bound, its
 * start. Years outside 1–9999 are refused: the views' databases do not all store them, and no
 * negotiation happened then.
 */
public final class QueryTimes {

    private final ZoneId zone;

    private QueryTimes(ZoneId zone) {
        this.zone = zone;
    }

    public static QueryTimes in(String zone) {
        try {
            return new QueryTimes(zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new BadQueryException("zone", "'" + zone + "' is not an IANA time zone");
        }
    }

    public Instant startOf(String field, String value) {
        return parse(field, value, false);
    }

    public Instant endOf(String field, String value) {
        return parse(field, value, true);
    }

    private static final int FIRST_YEAR = 1;
    private static final int LAST_YEAR = 9999;

    private Instant parse(String field, String value, boolean end) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                checkYear(field, day.getYear());
                return end
                        ? day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1_000)
                        : day.atStartOfDay(zone).toInstant();
            }
            OffsetDateTime time = OffsetDateTime.parse(value);
            checkYear(field, time.getYear());
            checkYear(field, time.atZoneSameInstant(ZoneOffset.UTC).getYear());
            return time.toInstant();
        } catch (DateTimeException e) {
            throw new BadQueryException(field, "must be a date (2026-01-06) or a date-time with offset (2026-01-06T12:00:00Z)");
        }
    }

    private static void checkYear(String field, int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new BadQueryException(field, "must be in the years " + FIRST_YEAR + " to " + LAST_YEAR);
        }
    }
}
