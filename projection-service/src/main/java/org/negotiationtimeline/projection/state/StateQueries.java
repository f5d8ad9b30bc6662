package org.negotiationtimeline.projection.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * "What was the state of the deal at {@code at}, as known at {@code knownAt}" — answered from the
 * time-indexed views, never by replaying events (docs/queries.md).
 *
 * <ul>
 *   <li>Transaction time: each development is read in the form it had at {@code knownAt}
 *       ({@code known_from <= knownAt < known_until}); documents, versions and statuses count
 *       only if recorded by {@code knownAt}.</li>
 *   <li>Valid time: a development has happened by {@code at} when {@code latest <= at}; when
 *       {@code earliest <= at < latest} it is {@code uncertain} and folded into nothing.</li>
 *   <li>A document's version on the table is the one with the greatest {@code occurred.latest <= at}
 *       (then the highest number); a provision's status is the most recent, by occurred, of its
 *       version's own status and the statuses reported for it by {@code at}.</li>
 * </ul>
 *
 * <p>Cost: every part is an index range scan that starts at {@code at} and stops at what it
 * returns, so a query reads O(log N + what it returns) rows, plus the forms it must skip: forms
 * superseded or recorded after {@code knownAt} among those it walks, and for {@code uncertain} the
 * developments whose latest falls in {@code (at, at + widest interval]} but began after {@code at}.
 * A deep {@code offset} is walked: O(offset). Order ties on all three times are broken by
 * {@code event_id} as the database orders text (Java's order on H2 and under the C collation).
 */
public class StateQueries {

    /**
     * The order developments are listed in, and of the index that serves it. negotiation_id leads
     * though the WHERE fixes it: H2 reads an index in order only for an ORDER BY its columns start.
     */
    private static final String LATEST_FIRST = "negotiation_id, latest DESC, earliest DESC, recorded_at DESC, event_id";
    /** The form valid at knownAt (two parameters: knownAt, knownAt). */
    private static final String KNOWN_AT = "known_from <= ? AND (known_until IS NULL OR known_until > ?)";

    private static final String HAPPENED = "SELECT body FROM development_version WHERE negotiation_id = ? AND latest <= ? "
            + "AND " + KNOWN_AT + " AND retracted = FALSE ORDER BY " + LATEST_FIRST + " LIMIT ? OFFSET ?";
    private static final String WIDEST = "SELECT widest_micros FROM development_width WHERE negotiation_id = ?";
    private static final String UNCERTAIN = "SELECT body FROM development_version WHERE negotiation_id = ? AND latest > ? "
            + "AND latest <= ? AND earliest <= ? AND " + KNOWN_AT + " AND retracted = FALSE ORDER BY " + LATEST_FIRST;
    private static final String CLAIMS = "SELECT subject, value_json, sources, basis_json, event_id, ordinal, earliest, latest, "
            + "recorded_at FROM claim_version WHERE negotiation_id = ? AND latest <= ? AND " + KNOWN_AT;
    private static final String POSITION_KEYS = "SELECT position_key FROM position_pair WHERE negotiation_id = ?";
    private static final String POSITION = "SELECT body FROM position_version WHERE negotiation_id = ? AND position_key = ? "
            + "AND latest <= ? AND " + KNOWN_AT
            + " ORDER BY negotiation_id, position_key, latest DESC, earliest DESC, recorded_at DESC, event_id LIMIT 1";
    private static final String DOCUMENTS = "SELECT document_id FROM document_view WHERE negotiation_id = ? "
            + "AND recorded_at <= ? ORDER BY negotiation_id, document_id";
    private static final String DOCUMENT_VERSION = "SELECT body FROM document_version WHERE document_id = ? AND latest <= ? "
            + "AND recorded_at <= ? ORDER BY document_id, latest DESC, version DESC LIMIT 1";
    private static final String PROVISION_STATUS = "SELECT body FROM provision_status WHERE document_id = ? "
            + "AND provision_id = ? AND latest <= ? AND latest >= ? AND recorded_at <= ? "
            + "ORDER BY document_id, provision_id, latest DESC, recorded_at DESC, stream_id, sequence LIMIT 1";

    /**
     * Later than any stored {@code latest} (EDTF years have four digits): caps the uncertain window,
     * so that it stays a timestamp both databases take.
     */
    private static final Instant FAR_FUTURE = Instant.parse("+10100-01-01T00:00:00Z");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public StateQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The state with everything, inferences included (marked). */
    public ObjectNode state(String negotiationId, Instant at, Instant knownAt, int limit, int offset) {
        return state(negotiationId, at, knownAt, limit, offset, false);
    }

    /**
     * The state; {@code limit} and {@code offset} page {@code developments}, and {@code page.hasMore}
     * tells whether another page follows (a total would cost a count of the whole history).
     * {@code reportedOnly} ({@code basis=REPORTED}) leaves out every INFERRED development, claim,
     * position, provision and status: a position or status then falls back to the latest reported one.
     */
    public ObjectNode state(String negotiationId, Instant at, Instant knownAt, int limit, int offset, boolean reportedOnly) {
        OffsetDateTime atUtc = Payloads.utc(at);
        OffsetDateTime knownUtc = Payloads.utc(knownAt);
        List<JsonNode> happened = jdbc.query(reported(HAPPENED, reportedOnly), (rs, i) -> item(rs.getString(1), reportedOnly),
                negotiationId, atUtc, knownUtc, knownUtc, (long) limit + 1, offset);
        boolean hasMore = happened.size() > limit;

        ObjectNode state = json.createObjectNode();
        state.put("negotiationId", negotiationId);
        state.put("at", at.toString());
        state.put("knownAt", knownAt.toString());
        state.set("documents", documents(negotiationId, at, knownAt, reportedOnly));
        state.set("claims", claims(negotiationId, atUtc, knownUtc, reportedOnly));
        state.set("positions", positions(negotiationId, atUtc, knownUtc, reportedOnly));
        state.set("developments", json.valueToTree(hasMore ? happened.subList(0, limit) : happened));
        state.set("uncertain", json.valueToTree(uncertain(negotiationId, at, knownUtc, reportedOnly)));
        state.putObject("page").put("offset", offset).put("limit", limit).put("hasMore", hasMore);
        return state;
    }

    /**
     * Developments whose interval contains {@code at}: their latest is after {@code at} and, as no
     * interval of the negotiation is wider than its widest, at most that much after it.
     */
    /** The query, restricted to rows that are not INFERRED when {@code reportedOnly}. */
    private static String reported(String sql, boolean reportedOnly) {
        if (!reportedOnly) {
            return sql;
        }
        int order = sql.indexOf(" ORDER BY ");
        return order < 0 ? sql + " AND inferred = FALSE" : sql.substring(0, order) + " AND inferred = FALSE" + sql.substring(order);
    }

    private JsonNode item(String body, boolean reportedOnly) {
        JsonNode item = Payloads.read(json, body);
        return reportedOnly ? Payloads.withoutInferredClaims(item) : item;
    }

    private List<JsonNode> uncertain(String negotiationId, Instant at, OffsetDateTime knownUtc, boolean reportedOnly) {
        List<Long> widest = jdbc.queryForList(WIDEST, Long.class, negotiationId);
        if (widest.isEmpty() || !at.isBefore(FAR_FUTURE)) {
            return List.of(); // No developments, or none can end after `at`.
        }
        Instant end = at.plus(widest.get(0), ChronoUnit.MICROS);
        OffsetDateTime atUtc = Payloads.utc(at);
        return jdbc.query(reported(UNCERTAIN, reportedOnly), (rs, i) -> item(rs.getString(1), reportedOnly), negotiationId, atUtc,
                Payloads.utc(end.isAfter(FAR_FUTURE) ? FAR_FUTURE : end), atUtc, knownUtc, knownUtc);
    }

    /**
     * Claims of the developments that happened, per subject; every source's value side by side,
     * oldest development first (the reverse of the developments' order), each development's claims
     * in its own order.
     */
    private ArrayNode claims(String negotiationId, OffsetDateTime atUtc, OffsetDateTime knownUtc, boolean reportedOnly) {
        List<Claim> found = jdbc.query(reported(CLAIMS, reportedOnly), (rs, i) -> new Claim(rs.getString("subject"),
                        rs.getString("value_json"), rs.getString("sources"), rs.getString("basis_json"),
                        rs.getString("event_id"), rs.getInt("ordinal"),
                        rs.getObject("earliest", OffsetDateTime.class).toInstant(),
                        rs.getObject("latest", OffsetDateTime.class).toInstant(),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant()),
                negotiationId, atUtc, knownUtc, knownUtc);
        found.sort(Claim.OLDEST_FIRST);
        Map<String, ArrayNode> bySubject = new TreeMap<>();
        for (Claim claim : found) {
            ObjectNode value = bySubject.computeIfAbsent(claim.subject(), s -> json.createArrayNode()).addObject();
            value.set("value", Payloads.read(json, claim.value()));
            value.set("sources", Payloads.read(json, claim.sources()));
            value.put("eventId", claim.eventId());
            if (claim.basis() != null) {
                Payloads.copyBasis(Payloads.read(json, claim.basis()), value);
            }
        }
        ArrayNode claims = json.createArrayNode();
        bySubject.forEach((subject, values) -> {
            ObjectNode claim = claims.addObject();
            claim.put("subject", subject);
            claim.set("values", values);
        });
        return claims;
    }

    private record Claim(String subject, String value, String sources, String basis, String eventId, int ordinal, Instant earliest,
                         Instant latest, Instant recordedAt) {
        static final Comparator<Claim> OLDEST_FIRST = Comparator.comparing(Claim::latest)
                .thenComparing(Claim::earliest)
                .thenComparing(Claim::recordedAt)
                .thenComparing(Claim::eventId, Comparator.reverseOrder())
                .thenComparingInt(Claim::ordinal);
    }

    /**
     * The latest position that happened, per holder and question: one lookup per pair the
     * negotiation ever had, each the first valid form walking back from {@code at}.
     */
    private ArrayNode positions(String negotiationId, OffsetDateTime atUtc, OffsetDateTime knownUtc, boolean reportedOnly) {
        Map<String, JsonNode> held = new TreeMap<>();
        for (String key : jdbc.queryForList(POSITION_KEYS, String.class, negotiationId)) {
            jdbc.query(reported(POSITION, reportedOnly), (rs, i) -> Payloads.read(json, rs.getString(1)), negotiationId, key, atUtc, knownUtc, knownUtc)
                    .forEach(position -> held.put(key, position));
        }
        ArrayNode positions = json.createArrayNode();
        held.values().forEach(positions::add);
        return positions;
    }

    private ArrayNode documents(String negotiationId, Instant at, Instant knownAt, boolean reportedOnly) {
        OffsetDateTime atUtc = Payloads.utc(at);
        OffsetDateTime knownUtc = Payloads.utc(knownAt);
        ArrayNode documents = json.createArrayNode();
        for (String documentId : jdbc.queryForList(DOCUMENTS, String.class, negotiationId, knownUtc)) {
            List<JsonNode> current = jdbc.query(DOCUMENT_VERSION, (rs, i) -> Payloads.read(json, rs.getString(1)),
                    documentId, atUtc, knownUtc);
            if (current.isEmpty()) {
                continue; // Not on the table yet at `at`.
            }
            JsonNode version = current.get(0);
            ObjectNode document = documents.addObject();
            document.put("id", documentId);
            document.set("version", version.get("version"));
            document.set("label", version.get("label"));
            document.set("status", version.get("status"));
            document.set("textAvailable", version.get("textAvailable"));
            document.set("occurred", version.get("occurred"));
            ArrayNode provisions = document.putArray("provisions");
            OffsetDateTime versionLatest = Payloads.utc(Instant.parse(version.at("/occurred/latest").asText()));
            for (JsonNode p : version.path("provisions")) {
                if (reportedOnly && Payloads.inferred(p)) {
                    continue;
                }
                ObjectNode provision = provisions.addObject();
                provision.set("id", p.get("id"));
                provision.set("number", p.get("number"));
                provision.set("text", p.get("text"));
                provision.set("topics", p.get("topics"));
                provision.set("status", p.get("status"));
                Payloads.copyBasis(p, provision);
                if (p.hasNonNull("sources")) {
                    provision.set("sources", p.get("sources")); // the outlets that reported it, when not all did
                }
                // The most recent status reported by `at` (and recorded by knownAt), unless older than the version.
                jdbc.query(reported(PROVISION_STATUS, reportedOnly), (rs, i) -> Payloads.read(json, rs.getString(1)),
                                documentId, p.get("id").asText(), atUtc, versionLatest, knownUtc)
                        .forEach(s -> {
                            provision.set("status", s.get("status"));
                            provision.set("statusBy", s.get("by"));
                            provision.set("statusSources", s.get("sources"));
                            if (s.hasNonNull("basis")) {
                                provision.set("statusBasis", s.get("basis"));
                                provision.set("statusNote", s.get("note"));
                            }
                        });
            }
        }
        return documents;
    }
}
