package org.negotiationtimeline.bench.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * An {@code occurred} block as timeline-service publishes it: the EDTF value with the inclusive
 * bounds it derived (to the microsecond, docs/events.md). Only the precisions the benchmark
 * history uses, all in UTC, so no EDTF parser is needed here.
 */
public record Occurred(String value, Instant earliest, Instant latest, String precision) {

    private static final long ONE_MICRO = 1_000;

    /** {@code 2026-01-06T15:45Z}. */
    public static Occurred atMinute(Instant minute) {
        Instant start = minute.truncatedTo(ChronoUnit.MINUTES);
        return new Occurred(start.toString().replace(":00Z", "Z"), start,
                start.plus(1, ChronoUnit.MINUTES).minusNanos(ONE_MICRO), "MINUTE");
    }

    /** {@code 2026-01-06}. */
    public static Occurred onDay(LocalDate day) {
        return new Occurred(day.toString(), startOf(day), startOf(day.plusDays(1)).minusNanos(ONE_MICRO), "DAY");
    }

    /** Whole days, {@code 2026-01-03/2026-01-04} ("the weekend"). */
    public static Occurred betweenDays(LocalDate first, LocalDate last) {
        return new Occurred(first + "/" + last, startOf(first), startOf(last.plusDays(1)).minusNanos(ONE_MICRO), "INTERVAL");
    }

    /** {@code 2026-01}. */
    public static Occurred inMonth(YearMonth month) {
        return new Occurred(month.toString(), startOf(month.atDay(1)),
                startOf(month.plusMonths(1).atDay(1)).minusNanos(ONE_MICRO), "MONTH");
    }

    /** Writes the block into {@code node} (the published field order). */
    public ObjectNode writeTo(ObjectNode node) {
        return node.put("value", value).put("earliest", earliest.toString()).put("latest", latest.toString())
                .put("precision", precision);
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
