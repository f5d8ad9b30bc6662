package org.negotiationtimeline.projection.negotiations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads of the negotiation views. */
public class NegotiationQueries {

    /** One negotiation as listed. */
    public record NegotiationSummary(String id, String title, String description, Instant startedAt,
                                     long developmentCount, Instant lastRecordedAt) {
    }

    /**
     * Filters of a timeline query; null means "any".
     *
     * @param from    keep developments that may have happened at or after it ({@code latest >= from})
     * @param to      keep developments that may have happened at or before it ({@code earliest <= to})
     * @param knownAt keep developments recorded at or before it
     */
    public record TimelineFilter(Instant from, Instant to, Set<String> types, String actor, String topic, Instant knownAt,
                                 boolean includeRetracted) {
    }

    /** One actor of a negotiation's registry. */
    public record Actor(String id, String name, String affiliation, String kind) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public NegotiationQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<NegotiationSummary> all() {
        return jdbc.query("SELECT * FROM negotiation_view ORDER BY id", (rs, i) -> summary(rs));
    }

    public Optional<NegotiationSummary> byId(String id) {
        return jdbc.query("SELECT * FROM negotiation_view WHERE id = ?", (rs, i) -> summary(rs), id).stream().findFirst();
    }

    /**
     * The negotiation's developments as known at {@code filter.knownAt()} (now when null), ordered
     * by {@code earliest}, then {@code latest}, then when first recorded.
     */
    public List<JsonNode> timeline(String negotiationId, TimelineFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT body FROM development_version WHERE negotiation_id = ?");
        List<Object> args = new ArrayList<>(List.of(negotiationId));
        if (filter.knownAt() == null) {
            sql.append(" AND known_until IS NULL");
        } else {
            sql.append(" AND known_from <= ? AND (known_until IS NULL OR known_until > ?)");
            args.add(Payloads.utc(filter.knownAt()));
            args.add(Payloads.utc(filter.knownAt()));
        }
        if (!filter.includeRetracted()) {
            sql.append(" AND retracted = FALSE");
        }
        if (filter.from() != null) {
            sql.append(" AND latest >= ?");
            args.add(Payloads.utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND earliest <= ?");
            args.add(Payloads.utc(filter.to()));
        }
        if (filter.types() != null && !filter.types().isEmpty()) {
            sql.append(" AND type IN (").append(String.join(", ", filter.types().stream().map(t -> "?").toList())).append(')');
            args.addAll(filter.types());
        }
        sql.append(" ORDER BY earliest, latest, recorded_at, event_id");
        return jdbc.query(sql.toString(), (rs, i) -> Payloads.read(json, rs.getString("body")), args.toArray()).stream()
                .filter(item -> filter.actor() == null || contains(item.path("actors"), "id", filter.actor()))
                .filter(item -> filter.topic() == null || containsText(item.path("topics"), filter.topic()))
                .toList();
    }

    public List<Actor> actors(String negotiationId) {
        return jdbc.query("SELECT actor_id, name, affiliation, kind FROM actor_view WHERE negotiation_id = ? ORDER BY actor_id",
                (rs, i) -> new Actor(rs.getString("actor_id"), rs.getString("name"), rs.getString("affiliation"),
                        rs.getString("kind")), negotiationId);
    }

    /**
     * A development as first recorded, each correction or retraction in the order recorded, and its
     * current form; empty when no such development is known (yet).
     */
    public Optional<JsonNode> event(String eventId) {
        List<JsonNode> versions = jdbc.query("SELECT body FROM development_version WHERE event_id = ? ORDER BY version",
                (rs, i) -> Payloads.read(json, rs.getString("body")), eventId);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> amendments = jdbc.query(
                "SELECT body FROM development_amendment WHERE event_id = ? ORDER BY recorded_at, amendment_id",
                (rs, i) -> Payloads.read(json, rs.getString("body")), eventId);
        String negotiationId = jdbc.queryForObject(
                "SELECT negotiation_id FROM development_version WHERE event_id = ? AND version = 0", String.class, eventId);
        com.fasterxml.jackson.databind.node.ObjectNode answer = json.createObjectNode();
        answer.put("eventId", eventId);
        answer.put("negotiationId", negotiationId);
        answer.set("original", versions.get(0));
        answer.set("amendments", json.valueToTree(amendments));
        answer.set("current", versions.get(versions.size() - 1));
        return Optional.of(answer);
    }

    private NegotiationSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime last = rs.getObject("last_recorded_at", OffsetDateTime.class);
        return new NegotiationSummary(rs.getString("id"), rs.getString("title"), rs.getString("description"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getLong("development_count"),
                last == null ? null : last.toInstant());
    }


    private static boolean contains(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.path(field).asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }
}
