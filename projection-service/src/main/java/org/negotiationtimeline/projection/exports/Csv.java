package org.negotiationtimeline.projection.exports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.StringJoiner;

/**
 * One row per development, ACLED-style: the date as reported and its bounds and precision in
 * columns of their own, so a spreadsheet can sort by {@code earliest} without mistaking a month for
 * its first day. RFC 4180 quoting; a text cell that a spreadsheet would run as a formula (it starts
 * with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, as OWASP advises: a
 * development's title comes from the press, not from us. {@code basis} is REPORTED unless the
 * development is the recorder's inference (INFERRED, with its {@code note}); the inferred claims
 * of a development are not columns (claims are not exported).
 */
final class Csv {

    static final List<String> COLUMNS = List.of("event_id", "type", "occurred_value", "occurred_text", "occurred_zone",
            "earliest", "latest", "precision", "title", "summary", "actors", "topics", "sources", "quote",
            "quote_verbatim", "location", "recorded_at", "corrected", "retracted", "basis", "note");

    private Csv() {
    }

    static String header() {
        return String.join(",", COLUMNS) + "\r\n";
    }

    static String row(JsonNode item) {
        JsonNode occurred = item.path("occurred");
        StringJoiner actors = new StringJoiner(";");
        item.path("actors").forEach(a -> actors.add(a.path("id").asText() + ":" + a.path("role").asText()));
        StringJoiner topics = new StringJoiner(";");
        item.path("topics").forEach(t -> topics.add(t.asText()));
        StringJoiner sources = new StringJoiner(" | ");
        item.path("sources").forEach(s -> sources.add(source(s)));
        List<String> cells = List.of(
                item.path("eventId").asText(), item.path("type").asText(),
                occurred.path("value").asText(""), text(occurred.path("text")), text(occurred.path("zone")),
                occurred.path("earliest").asText(""), occurred.path("latest").asText(""), occurred.path("precision").asText(""),
                safe(item.path("title").asText("")), safe(text(item.path("summary"))), actors.toString(), topics.toString(),
                safe(sources.toString()), safe(text(item.path("quote").path("text"))),
                item.path("quote").hasNonNull("verbatim") ? item.path("quote").path("verbatim").asText() : "",
                safe(text(item.path("location"))), item.path("recordedAt").asText(""),
                Boolean.toString(item.path("corrected").asBoolean()), Boolean.toString(item.path("retracted").asBoolean()),
                item.path("basis").asText("REPORTED"), safe(text(item.path("note"))));
        StringJoiner row = new StringJoiner(",", "", "\r\n");
        cells.forEach(cell -> row.add(quoted(cell)));
        return row.toString();
    }

    /** "Reuters (via AP), 2026-01-06" — outlet, the outlet it credits, and when it published. */
    static String source(JsonNode source) {
        StringBuilder out = new StringBuilder(source.path("outlet").asText());
        if (source.hasNonNull("via")) {
            out.append(" (via ").append(source.path("via").asText()).append(')');
        }
        if (source.hasNonNull("published")) {
            out.append(", ").append(source.path("published").asText());
        }
        return out.toString();
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    private static String safe(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
