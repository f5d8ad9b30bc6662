package org.negotiationtimeline.timeline.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EdtfTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest(name = "{0} in {1} is {4} from {2} to {3}")
    @CsvSource({
            // A month, a day and a year: whole units, bounds inclusive to the microsecond.
            "2025-11,                 UTC,          2025-11-01T00:00:00Z, 2025-11-30T23:59:59.999999Z, MONTH",
            "2026-01-06,              UTC,          2026-01-06T00:00:00Z, 2026-01-06T23:59:59.999999Z, DAY",
            "2025,                    UTC,          2025-01-01T00:00:00Z, 2025-12-31T23:59:59.999999Z, YEAR",
            // Without an offset a value is read in its zone: a Paris day starts at 23:00 UTC the day before.
            "2026-01-06,              Europe/Paris, 2026-01-05T23:00:00Z, 2026-01-06T22:59:59.999999Z, DAY",
            // "3:45 p.m. local time" in Paris, with and without an explicit offset.
            "2026-01-06T15:45+01:00,  UTC,          2026-01-06T14:45:00Z, 2026-01-06T14:45:59.999999Z, MINUTE",
            "2026-01-06T15:45,        Europe/Paris, 2026-01-06T14:45:00Z, 2026-01-06T14:45:59.999999Z, MINUTE",
            "2026-01-06T15:45:10Z,    UTC,          2026-01-06T15:45:10Z, 2026-01-06T15:45:10.999999Z, SECOND",
            "2026-01-06T15,           Europe/Paris, 2026-01-06T14:00:00Z, 2026-01-06T14:59:59.999999Z, HOUR",
            // "the weekend": an interval of days.
            "2026-01-03/2026-01-04,   UTC,          2026-01-03T00:00:00Z, 2026-01-04T23:59:59.999999Z, INTERVAL",
            // "around midday" in Paris: an interval of times within one day.
            "2026-01-06T11:00/2026-01-06T14:00, Europe/Paris, 2026-01-06T10:00:00Z, 2026-01-06T13:00:59.999999Z, PART_OF_DAY",
            // Approximate: one unit more on each side.
            "2026-01-06~,             UTC,          2026-01-05T00:00:00Z, 2026-01-07T23:59:59.999999Z, APPROXIMATE",
            "2025-11~,                UTC,          2025-10-01T00:00:00Z, 2025-12-31T23:59:59.999999Z, APPROXIMATE",
            // Uncertain: the date itself may be wrong; its bounds are kept.
            "2026-01-06?,             UTC,          2026-01-06T00:00:00Z, 2026-01-06T23:59:59.999999Z, UNCERTAIN",
            // Level 1 season: winter 2025 runs December 2025 to February 2026.
            "2025-24,                 UTC,          2025-12-01T00:00:00Z, 2026-02-28T23:59:59.999999Z, SEASON",
    })
    void parses_every_supported_form(String value, String zone, Instant earliest, Instant latest, Precision precision) {
        Edtf.Range range = Edtf.parse(value, zone.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(zone));

        assertThat(range.earliest()).isEqualTo(earliest);
        assertThat(range.latest()).isEqualTo(latest);
        assertThat(range.precision()).isEqualTo(precision);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-07", "2026-02-30", "2026-1-6", "06/01/2026", "yesterday", "2026-01-06T25:00",
            "2026-01-05/2026-01-04", "../2026-01-04", "2026-01-06T15:45+25:00", "2026-01-06T15:45:99", " ", "2025-25"})
    void rejects_impossible_or_unparsable_dates(String value) {
        assertThatThrownBy(() -> Edtf.parse(value, PARIS)).isInstanceOf(DateTimeException.class);
    }

    @org.junit.jupiter.api.Test
    void occurred_names_the_field_that_is_wrong() {
        assertThatThrownBy(() -> Occurred.parse("2026-02-30", null, null))
                .isInstanceOf(InvalidDevelopmentException.class)
                .extracting(e -> ((InvalidDevelopmentException) e).field()).isEqualTo("occurred.value");
        assertThatThrownBy(() -> Occurred.parse("2026-01-06", null, "Mars/Olympus"))
                .isInstanceOf(InvalidDevelopmentException.class)
                .extracting(e -> ((InvalidDevelopmentException) e).field()).isEqualTo("occurred.zone");
    }

    @org.junit.jupiter.api.Test
    void occurred_keeps_the_sources_words_and_zone() {
        Occurred occurred = Occurred.parse(" 2026-01-06T11:00/2026-01-06T14:00 ", "around midday", "Europe/Paris");

        assertThat(occurred.value()).isEqualTo("2026-01-06T11:00/2026-01-06T14:00");
        assertThat(occurred.text()).isEqualTo("around midday");
        assertThat(occurred.zone()).isEqualTo("Europe/Paris");
        assertThat(occurred.precision()).isEqualTo(Precision.PART_OF_DAY);
    }
}
