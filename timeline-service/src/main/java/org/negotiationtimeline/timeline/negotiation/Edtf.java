package org.negotiationtimeline.timeline.negotiation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the EDTF (ISO 8601-2) level 0/1 forms the product accepts into an instant range.
 *
 * <p>Bounds are inclusive: {@code latest} is the end of the unit minus one microsecond, so that a
 * day-precise development counts as happened "by the end of that day" and the value survives
 * databases that keep microseconds (PostgreSQL). Values without an offset are read in the given
 * zone. Limits: open interval ends ({@code ..}), unspecified digits ({@code 202X}) and level-2
 * features are rejected.
 */
public final class Edtf {

    /** One microsecond: the resolution of every stored bound. */
    private static final long END_ADJUST_NANOS = 1_000;

    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern MONTH_OR_SEASON = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})T(\\d{2})(?::(\\d{2}))?(?::(\\d{2}))?(Z|[+-]\\d{2}(?::?\\d{2})?)?");

    private Edtf() {
    }

    /** A parsed value: its inclusive bounds and precision. */
    public record Range(Instant earliest, Instant latest, Precision precision) {
    }

    public static Range parse(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            throw new DateTimeException("is required");
        }
        String v = value.strip();
        int slash = v.indexOf('/');
        if (slash >= 0) {
            return interval(v.substring(0, slash), v.substring(slash + 1), zone);
        }
        char last = v.charAt(v.length() - 1);
        if (last == '~' || last == '%' || last == '?') {
            Single single = single(v.substring(0, v.length() - 1), zone);
            if (last == '?') {
                return new Range(single.earliest, single.latest(), Precision.UNCERTAIN);
            }
            // Approximate: one more unit either side, so "about Jan 6" also covers Jan 5 to Jan 7.
            return new Range(single.earliest.minus(single.unitLength(-1)),
                    single.end.plus(single.unitLength(+1)).minusNanos(END_ADJUST_NANOS),
                    Precision.APPROXIMATE);
        }
        Single single = single(v, zone);
        return new Range(single.earliest, single.latest(), single.precision);
    }

    private static Range interval(String from, String to, ZoneId zone) {
        if (from.equals("..") || to.equals("..") || from.isEmpty() || to.isEmpty()) {
            throw new DateTimeException("open interval ends are not supported");
        }
        Single start = single(from, zone);
        Single end = single(to, zone);
        if (start.earliest.isAfter(end.earliest)) {
            throw new DateTimeException("interval ends before it starts");
        }
        boolean timesWithinOneDay = start.precision.compareTo(Precision.HOUR) <= 0
                && end.precision.compareTo(Precision.HOUR) <= 0
                && from.substring(0, 10).equals(to.substring(0, 10));
        return new Range(start.earliest, end.latest(), timesWithinOneDay ? Precision.PART_OF_DAY : Precision.INTERVAL);
    }

    /** A single EDTF date or date-time as the half-open range [earliest, end). */
    private record Single(Instant earliest, Instant end, Precision precision, ZoneId zone) {
        Instant latest() {
            return end.minusNanos(END_ADJUST_NANOS);
        }

        /** Length of one unit of this precision next to the range (months and years vary). */
        java.time.Duration unitLength(int direction) {
            return switch (precision) {
                case SECOND -> java.time.Duration.ofSeconds(1);
                case MINUTE -> java.time.Duration.ofMinutes(1);
                case HOUR -> java.time.Duration.ofHours(1);
                case DAY -> java.time.Duration.ofDays(1);
                case MONTH, SEASON, YEAR -> {
                    ChronoUnit unit = precision == Precision.YEAR ? ChronoUnit.YEARS : ChronoUnit.MONTHS;
                    long amount = precision == Precision.SEASON ? 3 : 1;
                    Instant anchor = direction < 0 ? earliest : end;
                    var local = anchor.atZone(zone);
                    var other = direction < 0 ? local.minus(amount, unit) : local.plus(amount, unit);
                    yield java.time.Duration.between(direction < 0 ? other.toInstant() : anchor,
                            direction < 0 ? anchor : other.toInstant());
                }
                default -> throw new IllegalStateException("no unit for " + precision);
            };
        }
    }

    private static Single single(String v, ZoneId zone) {
        try {
            if (YEAR.matcher(v).matches()) {
                LocalDate start = LocalDate.of(Integer.parseInt(v), 1, 1);
                return new Single(start.atStartOfDay(zone).toInstant(),
                        start.plusYears(1).atStartOfDay(zone).toInstant(), Precision.YEAR, zone);
            }
            Matcher m = MONTH_OR_SEASON.matcher(v);
            if (m.matches()) {
                int year = Integer.parseInt(m.group(1));
                int code = Integer.parseInt(m.group(2));
                if (code >= 21 && code <= 24) {
                    // EDTF level 1 seasons, northern hemisphere: 21 spring (Mar-May) ... 24 winter (Dec-Feb).
                    LocalDate start = LocalDate.of(year, 3 + 3 * (code - 21), 1);
                    return new Single(start.atStartOfDay(zone).toInstant(),
                            start.plusMonths(3).atStartOfDay(zone).toInstant(), Precision.SEASON, zone);
                }
                YearMonth month = YearMonth.of(year, code);
                return new Single(month.atDay(1).atStartOfDay(zone).toInstant(),
                        month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant(), Precision.MONTH, zone);
            }
            if (DAY.matcher(v).matches()) {
                LocalDate day = LocalDate.parse(v);
                return new Single(day.atStartOfDay(zone).toInstant(),
                        day.plusDays(1).atStartOfDay(zone).toInstant(), Precision.DAY, zone);
            }
            m = DATE_TIME.matcher(v);
            if (m.matches()) {
                return dateTime(m, zone);
            }
        } catch (DateTimeException | NumberFormatException e) {
            throw new DateTimeException("'" + v + "' is not a valid date: " + e.getMessage());
        }
        throw new DateTimeException("'" + v + "' is not an EDTF date (e.g. 2025-11, 2026-01-06, "
                + "2026-01-03/2026-01-04, 2026-01-06T15:45+01:00, 2026-01-06~)");
    }

    private static Single dateTime(Matcher m, ZoneId zone) {
        LocalDate day = LocalDate.parse(m.group(1));
        int hour = Integer.parseInt(m.group(2));
        String minutes = m.group(3);
        String seconds = m.group(4);
        if (minutes == null && seconds != null) {
            throw new DateTimeException("seconds without minutes");
        }
        LocalDateTime local = day.atTime(hour, minutes == null ? 0 : Integer.parseInt(minutes),
                seconds == null ? 0 : Integer.parseInt(seconds));
        ChronoUnit unit = seconds != null ? ChronoUnit.SECONDS : minutes != null ? ChronoUnit.MINUTES : ChronoUnit.HOURS;
        Precision precision = switch (unit) {
            case SECONDS -> Precision.SECOND;
            case MINUTES -> Precision.MINUTE;
            default -> Precision.HOUR;
        };
        String offset = m.group(5);
        ZoneId effective = zone;
        if (offset != null) {
            try {
                effective = ZoneOffset.of(offset.equals("Z") ? "Z" : normaliseOffset(offset));
            } catch (DateTimeException e) {
                throw new DateTimeException("bad offset " + offset);
            }
        }
        Instant start = local.atZone(effective).toInstant();
        return new Single(start, start.plus(1, unit), precision, effective);
    }

    private static String normaliseOffset(String offset) {
        // Accept +01, +0100 and +01:00.
        String digits = offset.substring(1).replace(":", "");
        String hh = digits.substring(0, 2);
        String mm = digits.length() > 2 ? digits.substring(2) : "00";
        return offset.charAt(0) + hh + ":" + mm;
    }
}
