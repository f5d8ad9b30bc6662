package org.negotiationtimeline.projection.negotiations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.time.temporal.ChronoUnit;
import org.negotiationtimeline.projection.web.Cursor;
import org.negotiationtimeline.projection.web.Page;
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
     * @param reportedOnly keep only what sources state ({@code basis=REPORTED}): no INFERRED
     *                development, and no INFERRED claim in the ones kept
     */
    public record TimelineFilter(Instant from, Instant to, Set<String> types, String actor, String topic, Instant knownAt,
                                 boolean includeRetracted, boolean reportedOnly) {

        /** Every basis. */
        public TimelineFilter(Instant from, Instant to, Set<String> types, String actor, String topic, Instant knownAt,
                              boolean includeRetracted) {
            this(from, to, types, actor, topic, knownAt, includeRetracted, false);
        }
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

    public Optional<NegotiationSummary> byId(String id) {
        return jdbc.query("SELECT * FROM negotiation_view WHERE id = ?", (rs, i) -> summary(rs), id).stream().findFirst();
    }

    /**
     * One page of the negotiation's developments as known at {@code filter.knownAt()} (now when
     * null), ordered by {@code earliest}, then {@code latest}, then when first recorded, then event
     * id: a walk of an index from {@code after} (the start when null) that reads about {@code limit}
     * rows (more only when forms that do not qualify lie in between: earlier forms of corrected
     * developments, retracted ones, other types). With {@code actor} or {@code topic}, the walk is
     * over that actor's or topic's forms alone. {@code from} starts the walk at {@code from} minus
     * the negotiation's widest interval, {@code to} ends it.
     */
    public Page<JsonNode> timeline(String negotiationId, TimelineFilter filter, String after, int limit) {
        // The walk is over the driving table's copy of the order columns.
        String driving = filter.actor() != null ? "a" : filter.topic() != null ? "t" : "v";
        StringBuilder sql = new StringBuilder("SELECT v.body, v.earliest, v.latest, v.recorded_at, v.event_id FROM ");
        List<Object> args = new ArrayList<>();
        if (filter.actor() != null) {
            sql.append("development_actor a JOIN development_version v ON v.event_id = a.event_id AND v.version = a.version "
                    + "WHERE a.negotiation_id = ? AND a.actor_id = ?");
            args.add(negotiationId);
            args.add(filter.actor());
        } else if (filter.topic() != null) {
            sql.append("development_topic t JOIN development_version v ON v.event_id = t.event_id AND v.version = t.version "
                    + "WHERE t.negotiation_id = ? AND t.topic = ?");
            args.add(negotiationId);
            args.add(filter.topic());
        } else {
            sql.append("development_version v WHERE v.negotiation_id = ?");
            args.add(negotiationId);
        }
        if (filter.actor() != null && filter.topic() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM development_topic t WHERE t.event_id = v.event_id AND t.version = v.version "
                    + "AND t.topic = ?)");
            args.add(filter.topic());
        }
        if (filter.knownAt() == null) {
            sql.append(" AND v.known_until IS NULL");
        } else {
            sql.append(" AND v.known_from <= ? AND (v.known_until IS NULL OR v.known_until > ?)");
            args.add(Payloads.utc(filter.knownAt()));
            args.add(Payloads.utc(filter.knownAt()));
        }
        if (!filter.includeRetracted()) {
            sql.append(" AND v.retracted = FALSE");
        }
        if (filter.reportedOnly()) {
            sql.append(" AND v.inferred = FALSE");
        }
        if (filter.from() != null) {
            sql.append(" AND v.latest >= ?");
            args.add(Payloads.utc(filter.from()));
            Long widest = widestMicros(negotiationId);
            if (widest != null) {
                // latest >= from and latest - earliest <= widest: earliest >= from - widest, an index bound.
                sql.append(" AND ").append(driving).append(".earliest >= ?");
                args.add(Payloads.utc(filter.from().minus(widest, ChronoUnit.MICROS)));
            }
        }
        if (filter.to() != null) {
            sql.append(" AND ").append(driving).append(".earliest <= ?");
            args.add(Payloads.utc(filter.to()));
        }
        if (filter.types() != null && !filter.types().isEmpty()) {
            sql.append(" AND v.type IN (").append(String.join(", ", filter.types().stream().map(t -> "?").toList())).append(')');
            args.addAll(filter.types());
        }
        if (after != null) {
            List<String> key = Cursor.parts(after, 4);
            OffsetDateTime earliest = time(key.get(0));
            OffsetDateTime latest = time(key.get(1));
            OffsetDateTime recordedAt = time(key.get(2));
            String d = driving;
            sql.append(" AND ").append(d).append(".earliest >= ? AND (").append(d).append(".earliest > ? OR ")
                    .append(d).append(".latest > ? OR (").append(d).append(".latest = ? AND (").append(d)
                    .append(".recorded_at > ? OR (").append(d).append(".recorded_at = ? AND ").append(d)
                    .append(".event_id > ?))))");
            args.addAll(List.of(earliest, earliest, latest, latest, recordedAt, recordedAt, key.get(3)));
        }
        // The index's leading columns too, though the WHERE fixes them: H2 reads an index in order only
        // for an ORDER BY its columns start.
        sql.append(" ORDER BY ").append(driving).append(".negotiation_id, ")
                .append(filter.actor() != null ? "a.actor_id, " : filter.topic() != null ? "t.topic, " : "")
                .append(driving).append(".earliest, ").append(driving).append(".latest, ")
                .append(driving).append(".recorded_at, ").append(driving).append(".event_id LIMIT ?");
        args.add(limit + 1);
        List<String[]> keys = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>(jdbc.query(sql.toString(), (rs, i) -> {
            keys.add(new String[] {instant(rs, "earliest"), instant(rs, "latest"), instant(rs, "recorded_at"),
                    rs.getString("event_id")});
            JsonNode item = Payloads.read(json, rs.getString("body"));
            return filter.reportedOnly() ? Payloads.withoutInferredClaims(item) : item;
        }, args.toArray()));
        if (items.size() <= limit) {
            return new Page<>(items, null);
        }
        String[] last = keys.get(limit - 1);
        return new Page<>(items.subList(0, limit), Cursor.of(last));
    }

    private Long widestMicros(String negotiationId) {
        List<Long> widest = jdbc.queryForList("SELECT widest_micros FROM development_width WHERE negotiation_id = ?",
                Long.class, negotiationId);
        return widest.isEmpty() ? null : widest.get(0);
    }

    private static String instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant().toString();
    }

    private static OffsetDateTime time(String value) {
        try {
            return Payloads.utc(Instant.parse(value));
        } catch (java.time.DateTimeException e) {
            throw Cursor.invalid();
        }
    }

    /** One page of the negotiations, by id, after the cursor's id. */
    public Page<NegotiationSummary> all(String after, int limit) {
        List<NegotiationSummary> found = after == null
                ? jdbc.query("SELECT * FROM negotiation_view ORDER BY id LIMIT ?", (rs, i) -> summary(rs), limit + 1)
                : jdbc.query("SELECT * FROM negotiation_view WHERE id > ? ORDER BY id LIMIT ?", (rs, i) -> summary(rs),
                Cursor.parts(after, 1).get(0), limit + 1);
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        return new Page<>(found.subList(0, limit), Cursor.of(found.get(limit - 1).id()));
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

    /** A correction or retraction as {@link #event} lists it, with the development it amends. */
    public record Amendment(String eventId, JsonNode body) {
    }

    /**
     * Every development of the negotiation as first recorded, retracted ones too, in the order
     * recorded (ties, as within one batch, by event id): what the JSON Lines export replays.
     */
    public List<JsonNode> originals(String negotiationId) {
        return jdbc.query("SELECT body FROM development_version WHERE negotiation_id = ? AND version = 0 "
                + "ORDER BY recorded_at, event_id", (rs, i) -> Payloads.read(json, rs.getString("body")), negotiationId);
    }

    /** Every correction and retraction of the negotiation's developments, in the order recorded. */
    public List<Amendment> amendments(String negotiationId) {
        return jdbc.query("SELECT a.event_id, a.body FROM development_amendment a JOIN development_version v "
                        + "ON v.event_id = a.event_id AND v.version = 0 WHERE v.negotiation_id = ? "
                        + "ORDER BY a.recorded_at, a.amendment_id",
                (rs, i) -> new Amendment(rs.getString("event_id"), Payloads.read(json, rs.getString("body"))), negotiationId);
    }

    private NegotiationSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime last = rs.getObject("last_recorded_at", OffsetDateTime.class);
        return new NegotiationSummary(rs.getString("id"), rs.getString("title"), rs.getString("description"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getLong("development_count"),
                last == null ? null : last.toInstant());
    }
}
