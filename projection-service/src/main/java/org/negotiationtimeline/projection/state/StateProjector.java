package org.negotiationtimeline.projection.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.negotiationtimeline.projection.consuming.Projection;
import org.negotiationtimeline.projection.consuming.TimelineMessage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the state query's own views: {@code claim_version} and {@code position_version} (the
 * claims and the position of each development form, with its times and validity), the keys
 * positions are held on, and each negotiation's widest occurred interval.
 *
 * <p>Runs after the negotiation projector, in the same transaction, and reads the form it has
 * just written to {@code development_version}: one place decides what a corrected form is. That
 * form was checked there (type, occurred, recordedAt); nothing read here can fail on it, so this
 * never leaves a development half-projected. Retracted forms get no claim or position rows:
 * the query leaves them out anyway.
 */
public class StateProjector implements Projection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public StateProjector(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void apply(TimelineMessage message) {
        switch (message.type()) {
            case "DevelopmentRecorded", "DevelopmentCorrected", "DevelopmentRetracted" ->
                    newForm(message.negotiationId(), Payloads.required(message.data(), "eventId").asText());
            default -> {
                // Not a development form.
            }
        }
    }

    /** The form the negotiation projector has just opened; closes the previous one's rows. */
    private void newForm(String negotiationId, String eventId) {
        List<Form> current = jdbc.query("SELECT version, known_from, recorded_at, type, earliest, latest, retracted, body "
                + "FROM development_version WHERE event_id = ? AND known_until IS NULL", this::form, eventId);
        if (current.isEmpty()) {
            throw new IllegalStateException("no development '" + eventId + "' in the views");
        }
        Form form = current.get(0);
        if (form.version() > 0) {
            jdbc.update("UPDATE claim_version SET known_until = ? WHERE event_id = ? AND version = ?",
                    form.knownFrom(), eventId, form.version() - 1);
            jdbc.update("UPDATE position_version SET known_until = ? WHERE event_id = ? AND version = ?",
                    form.knownFrom(), eventId, form.version() - 1);
        }
        widen(negotiationId, ChronoUnit.MICROS.between(form.earliest(), form.latest()));
        if (form.retracted()) {
            return;
        }
        JsonNode item = form.item();
        String sources = Payloads.write(json, orNull(item.get("sources")));
        int ordinal = 0;
        for (JsonNode claim : item.path("claims")) {
            jdbc.update("INSERT INTO claim_version (event_id, version, ordinal, negotiation_id, subject, earliest, latest, "
                            + "recorded_at, known_from, value_json, sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    eventId, form.version(), ordinal++, negotiationId, claim.path("subject").asText(), form.earliest(),
                    form.latest(), form.recordedAt(), form.knownFrom(), Payloads.write(json, orNull(claim.get("value"))),
                    sources);
        }
        JsonNode position = item.get("position");
        if ("POSITION".equals(form.type()) && position != null && position.isObject()) {
            String key = position.path("holder").asText() + "|" + position.path("on").asText();
            ObjectNode entry = position.deepCopy();
            entry.put("eventId", eventId);
            entry.set("occurred", item.get("occurred"));
            entry.set("sources", item.get("sources"));
            jdbc.update("INSERT INTO position_version (event_id, version, negotiation_id, position_key, earliest, latest, "
                            + "recorded_at, known_from, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    eventId, form.version(), negotiationId, key, form.earliest(), form.latest(), form.recordedAt(),
                    form.knownFrom(), Payloads.write(json, entry));
            if (jdbc.queryForList("SELECT 1 FROM position_pair WHERE negotiation_id = ? AND position_key = ?",
                    Integer.class, negotiationId, key).isEmpty()) {
                jdbc.update("INSERT INTO position_pair (negotiation_id, position_key) VALUES (?, ?)", negotiationId, key);
            }
        }
    }

    /** Raises the negotiation's widest interval to {@code micros}; never lowers it (an upper bound). */
    private void widen(String negotiationId, long micros) {
        List<Long> widest = jdbc.queryForList("SELECT widest_micros FROM development_width WHERE negotiation_id = ?",
                Long.class, negotiationId);
        if (widest.isEmpty()) {
            jdbc.update("INSERT INTO development_width (negotiation_id, widest_micros) VALUES (?, ?)", negotiationId, micros);
        } else if (widest.get(0) < micros) {
            jdbc.update("UPDATE development_width SET widest_micros = ? WHERE negotiation_id = ?", micros, negotiationId);
        }
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? NullNode.getInstance() : node;
    }

    private record Form(int version, OffsetDateTime knownFrom, OffsetDateTime recordedAt, String type,
                        OffsetDateTime earliest, OffsetDateTime latest, boolean retracted, JsonNode item) {
    }

    private Form form(ResultSet rs, int row) throws SQLException {
        return new Form(rs.getInt("version"), rs.getObject("known_from", OffsetDateTime.class),
                rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("type"),
                rs.getObject("earliest", OffsetDateTime.class), rs.getObject("latest", OffsetDateTime.class),
                rs.getBoolean("retracted"), Payloads.read(json, rs.getString("body")));
    }
}
