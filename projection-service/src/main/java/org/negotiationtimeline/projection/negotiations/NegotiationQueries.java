package org.negotiationtimeline.projection.negotiations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    public record TimelineFilter(Instant from, Instant to, Set<String> types, String actor, String topic, Instant knownAt) {
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

    /** The negotiation's developments ordered by {@code earliest}, then {@code latest}, then when recorded. */
    public List<JsonNode> timeline(String negotiationId, TimelineFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT body FROM development_view WHERE negotiation_id = ?");
        List<Object> args = new ArrayList<>(List.of(negotiationId));
        if (filter.from() != null) {
            sql.append(" AND latest >= ?");
            args.add(NegotiationProjector.utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND earliest <= ?");
            args.add(NegotiationProjector.utc(filter.to()));
        }
        if (filter.knownAt() != null) {
            sql.append(" AND recorded_at <= ?");
            args.add(NegotiationProjector.utc(filter.knownAt()));
        }
        if (filter.types() != null && !filter.types().isEmpty()) {
            sql.append(" AND type IN (").append(String.join(", ", filter.types().stream().map(t -> "?").toList())).append(')');
            args.addAll(filter.types());
        }
        sql.append(" ORDER BY earliest, latest, recorded_at, event_id");
        return jdbc.query(sql.toString(), (rs, i) -> parse(rs.getString("body")), args.toArray()).stream()
                .filter(item -> filter.actor() == null || contains(item.path("actors"), "id", filter.actor()))
                .filter(item -> filter.topic() == null || containsText(item.path("topics"), filter.topic()))
                .toList();
    }

    private NegotiationSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime last = rs.getObject("last_recorded_at", OffsetDateTime.class);
        return new NegotiationSummary(rs.getString("id"), rs.getString("title"), rs.getString("description"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getLong("development_count"),
                last == null ? null : last.toInstant());
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
