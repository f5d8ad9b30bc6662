package org.negotiationtimeline.projection.negotiations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.negotiationtimeline.projection.consuming.Projection;
import org.negotiationtimeline.projection.consuming.TimelineMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Builds the negotiation list and each negotiation's timeline. Reads the payload as a tolerant
 * reader: fields it does not know are ignored, event types it does not know are skipped.
 */
public class NegotiationProjector implements Projection {

    private static final Logger log = LoggerFactory.getLogger(NegotiationProjector.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public NegotiationProjector(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void apply(TimelineMessage message) {
        switch (message.type()) {
            case "NegotiationStarted" -> started(message, message.data());
            case "DevelopmentRecorded" -> recorded(message, message.data());
            default -> log.debug("No view uses {}", message.type());
        }
    }

    private void started(TimelineMessage message, JsonNode data) {
        jdbc.update("INSERT INTO negotiation_view (id, title, description, started_at, development_count) VALUES (?, ?, ?, ?, 0)",
                message.negotiationId(), data.path("title").asText(), text(data, "description"), utc(message.recordedAt()));
    }

    private void recorded(TimelineMessage message, JsonNode data) {
        JsonNode occurred = data.path("occurred");
        ObjectNode item = json.createObjectNode();
        item.put("eventId", data.path("eventId").asText());
        item.put("type", data.path("type").asText());
        ObjectNode when = item.putObject("occurred");
        when.put("value", occurred.path("value").asText());
        when.set("text", occurred.path("text").isMissingNode() ? null : occurred.get("text"));
        when.set("zone", occurred.path("zone").isMissingNode() ? null : occurred.get("zone"));
        when.put("earliest", occurred.path("earliest").asText());
        when.put("latest", occurred.path("latest").asText());
        when.put("precision", occurred.path("precision").asText());
        item.put("recordedAt", message.recordedAt().toString());
        item.put("title", data.path("title").asText());
        item.set("summary", data.get("summary"));
        item.set("actors", array(data, "actors"));
        item.set("topics", array(data, "topics"));
        item.set("sources", array(data, "sources"));
        item.put("corrected", false);
        item.put("retracted", false);
        try {
            jdbc.update("INSERT INTO development_view (event_id, negotiation_id, type, earliest, latest, recorded_at, body) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    item.get("eventId").asText(), message.negotiationId(), item.get("type").asText(),
                    utc(Instant.parse(when.get("earliest").asText())), utc(Instant.parse(when.get("latest").asText())),
                    utc(message.recordedAt()), json.writeValueAsString(item));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.update("UPDATE negotiation_view SET development_count = development_count + 1, last_recorded_at = ? WHERE id = ?",
                utc(message.recordedAt()), message.negotiationId());
    }

    private JsonNode array(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node != null && node.isArray() ? node : json.createArrayNode();
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
