package org.negotiationtimeline.projection.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.StringJoiner;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.springframework.web.util.HtmlUtils;

/**
 * A timeline in TimelineJS's JSON format (Knight Lab's), the one newsroom sites embed. The format
 * knows dates down to a chosen unit and spans, but not "approximately" or "the source is unsure",
 * so imprecision is mapped as faithfully as it allows (docs/exports.md):
 * <ul>
 *   <li>a date carries only the units its precision knows: a MONTH is {@code {year, month}}, a YEAR
 *       {@code {year}}, a DAY adds {@code day}, an HOUR or MINUTE the time of day — local to the
 *       development's zone, as the source reported it;</li>
 *   <li>an interval (INTERVAL, PART_OF_DAY, SEASON) is a {@code start_date} and an {@code end_date};</li>
 *   <li>APPROXIMATE and UNCERTAIN are drawn as their widened span, and {@code display_date} says
 *       "approximately" or "uncertain" in words;</li>
 *   <li>{@code display_date} always shows the source's own words when there are any ("around midday"),
 *       else the EDTF value, so the reader sees the date as reported, not as drawn.</li>
 * </ul>
 * Texts are HTML-escaped: TimelineJS renders {@code text} as HTML.
 */
final class TimelineJs {

    private TimelineJs() {
    }

    static ObjectNode start(ObjectMapper json, String title, String description) {
        ObjectNode root = json.createObjectNode();
        ObjectNode text = root.putObject("title").putObject("text");
        text.put("headline", HtmlUtils.htmlEscape(title));
        if (description != null) {
            text.put("text", "<p>" + HtmlUtils.htmlEscape(description) + "</p>");
        }
        root.putArray("events");
        return root;
    }

    static void add(ArrayNode events, JsonNode item) {
        ObjectNode event = events.addObject();
        JsonNode occurred = item.path("occurred");
        String precision = occurred.path("precision").asText("DAY");
        ZoneId zone = zone(occurred.path("zone").asText(null));
        ZonedDateTime earliest = Instant.parse(occurred.path("earliest").asText()).atZone(zone);
        ZonedDateTime latest = Instant.parse(occurred.path("latest").asText()).atZone(zone);
        switch (precision) {
            case "SECOND", "MINUTE" -> event.set("start_date", date(earliest, Unit.MINUTE));
            case "HOUR" -> event.set("start_date", date(earliest, Unit.HOUR));
            case "DAY" -> event.set("start_date", date(earliest, Unit.DAY));
            case "MONTH" -> event.set("start_date", date(earliest, Unit.MONTH));
            case "YEAR" -> event.set("start_date", date(earliest, Unit.YEAR));
            case "PART_OF_DAY" -> span(event, earliest, latest, Unit.MINUTE);
            case "SEASON" -> span(event, earliest, latest, Unit.MONTH);
            default -> span(event, earliest, latest, Unit.DAY); // INTERVAL, APPROXIMATE, UNCERTAIN
        }
        event.put("display_date", displayDate(occurred, precision));
        ObjectNode text = event.putObject("text");
        text.put("headline", HtmlUtils.htmlEscape(item.path("title").asText()));
        text.put("text", body(item));
        event.put("group", item.path("type").asText());
        event.put("unique_id", item.path("eventId").asText());
    }

    private enum Unit { YEAR, MONTH, DAY, HOUR, MINUTE }

    private static void span(ObjectNode event, ZonedDateTime earliest, ZonedDateTime latest, Unit unit) {
        event.set("start_date", date(earliest, unit));
        event.set("end_date", date(latest, unit));
    }

    /** TimelineJS wants the units as strings; the ones finer than {@code unit} are left out. */
    private static ObjectNode date(ZonedDateTime t, Unit unit) {
        ObjectNode date = new ObjectMapper().createObjectNode();
        date.put("year", Integer.toString(t.getYear()));
        if (unit.compareTo(Unit.MONTH) >= 0) {
            date.put("month", Integer.toString(t.getMonthValue()));
        }
        if (unit.compareTo(Unit.DAY) >= 0) {
            date.put("day", Integer.toString(t.getDayOfMonth()));
        }
        if (unit.compareTo(Unit.HOUR) >= 0) {
            date.put("hour", Integer.toString(t.getHour()));
        }
        if (unit == Unit.MINUTE) {
            date.put("minute", Integer.toString(t.getMinute()));
        }
        return date;
    }

    private static String displayDate(JsonNode occurred, String precision) {
        String text = occurred.path("text").asText(null);
        String shown = text != null && !text.isBlank() ? text + " (" + occurred.path("value").asText() + ")"
                : occurred.path("value").asText();
        return switch (precision) {
            case "APPROXIMATE" -> "approximately " + shown;
            case "UNCERTAIN" -> shown + " (uncertain)";
            default -> shown;
        };
    }

    private static String body(JsonNode item) {
        StringBuilder html = new StringBuilder();
        String summary = item.path("summary").asText(null);
        if (summary != null) {
            html.append("<p>").append(HtmlUtils.htmlEscape(summary)).append("</p>");
        }
        JsonNode quote = item.path("quote");
        if (quote.hasNonNull("text")) {
            html.append(quote.path("verbatim").asBoolean() ? "<blockquote>" : "<p><em>paraphrase:</em> ")
                    .append(HtmlUtils.htmlEscape(quote.path("text").asText()))
                    .append(quote.path("verbatim").asBoolean() ? "</blockquote>" : "</p>");
        }
        StringJoiner sources = new StringJoiner("; ", "<p>Sources: ", "</p>");
        for (JsonNode source : item.path("sources")) {
            sources.add(HtmlUtils.htmlEscape(Csv.source(source)));
        }
        html.append(sources);
        if (Payloads.inferred(item)) {
            html.append("<p><strong>Our inference:</strong> ").append(HtmlUtils.htmlEscape(item.path("note").asText("")))
                    .append("</p>");
        }
        if (item.path("retracted").asBoolean()) {
            html.append("<p><strong>Retracted.</strong></p>");
        } else if (item.path("corrected").asBoolean()) {
            html.append("<p><em>Corrected since first recorded.</em></p>");
        }
        return html.toString();
    }

    private static ZoneId zone(String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
