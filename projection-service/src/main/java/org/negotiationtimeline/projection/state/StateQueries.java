package org.negotiationtimeline.projection.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public class StateQueries {

    private static final Comparator<JsonNode> LATEST_FIRST = Comparator
            .comparing((JsonNode d) -> instant(d.at("/occurred/latest"))).reversed()
            .thenComparing(Comparator.comparing((JsonNode d) -> instant(d.at("/occurred/earliest"))).reversed())
            .thenComparing(Comparator.comparing((JsonNode d) -> instant(d.get("recordedAt"))).reversed())
            .thenComparing(d -> d.get("eventId").asText());

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public StateQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public ObjectNode state(String negotiationId, Instant at, Instant knownAt, int limit, int offset) {
        List<JsonNode> happened = new ArrayList<>();
        List<JsonNode> uncertain = new ArrayList<>();
        // Index (negotiation_id, earliest, latest): only developments that may have begun by `at`.
        for (JsonNode d : jdbc.query("SELECT body FROM development_version WHERE negotiation_id = ? AND earliest <= ? "
                        + "AND known_from <= ? AND (known_until IS NULL OR known_until > ?) AND retracted = FALSE",
                (rs, i) -> Payloads.read(json, rs.getString(1)), negotiationId, Payloads.utc(at), Payloads.utc(knownAt), Payloads.utc(knownAt))) {
            (instant(d.at("/occurred/latest")).isAfter(at) ? uncertain : happened).add(d);
        }
        happened.sort(LATEST_FIRST);
        uncertain.sort(LATEST_FIRST);

        ObjectNode state = json.createObjectNode();
        state.put("negotiationId", negotiationId);
        state.put("at", at.toString());
        state.put("knownAt", knownAt.toString());
        state.set("documents", documents(negotiationId, at, knownAt));
        state.set("claims", claims(happened));
        state.set("positions", positions(happened));
        state.set("developments", json.valueToTree(happened.subList(Math.min(offset, happened.size()),
                Math.min(offset + limit, happened.size()))));
        state.set("uncertain", json.valueToTree(uncertain));
        state.putObject("page").put("offset", offset).put("limit", limit).put("total", happened.size());
        return state;
    }

    /** Claims of the developments that happened, per subject; every source's value side by side. */
    private ArrayNode claims(List<JsonNode> happened) {
        Map<String, ArrayNode> bySubject = new LinkedHashMap<>();
        List<JsonNode> oldestFirst = new ArrayList<>(happened);
        oldestFirst.sort(LATEST_FIRST.reversed());
        for (JsonNode d : oldestFirst) {
            for (JsonNode claim : d.path("claims")) {
                ObjectNode value = bySubject.computeIfAbsent(claim.get("subject").asText(), s -> json.createArrayNode())
                        .addObject();
                value.set("value", claim.get("value"));
                value.set("sources", d.get("sources"));
                value.put("eventId", d.get("eventId").asText());
            }
        }
        ArrayNode claims = json.createArrayNode();
        bySubject.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode claim = claims.addObject();
            claim.put("subject", e.getKey());
            claim.set("values", e.getValue());
        });
        return claims;
    }

    /** The latest position that happened, per holder and question. */
    private ArrayNode positions(List<JsonNode> happened) {
        Map<String, ObjectNode> held = new LinkedHashMap<>();
        List<JsonNode> oldestFirst = new ArrayList<>(happened);
        oldestFirst.sort(LATEST_FIRST.reversed());
        for (JsonNode d : oldestFirst) {
            JsonNode position = d.get("position");
            if (position == null || !"POSITION".equals(d.path("type").asText())) {
                continue;
            }
            ObjectNode entry = position.deepCopy();
            entry.put("eventId", d.get("eventId").asText());
            entry.set("occurred", d.get("occurred"));
            entry.set("sources", d.get("sources"));
            held.put(position.path("holder").asText() + "|" + position.path("on").asText(), entry);
        }
        ArrayNode positions = json.createArrayNode();
        held.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> positions.add(e.getValue()));
        return positions;
    }

    private ArrayNode documents(String negotiationId, Instant at, Instant knownAt) {
        ArrayNode documents = json.createArrayNode();
        for (String documentId : jdbc.queryForList("SELECT document_id FROM document_view WHERE negotiation_id = ? "
                + "AND recorded_at <= ? ORDER BY document_id", String.class, negotiationId, Payloads.utc(knownAt))) {
            List<JsonNode> current = jdbc.query("SELECT body FROM document_version WHERE document_id = ? AND latest <= ? "
                            + "AND recorded_at <= ? ORDER BY latest DESC, version DESC LIMIT 1",
                    (rs, i) -> Payloads.read(json, rs.getString(1)), documentId, Payloads.utc(at), Payloads.utc(knownAt));
            if (current.isEmpty()) {
                continue; // Not on the table yet at `at`.
            }
            JsonNode version = current.get(0);
            List<JsonNode> statuses = jdbc.query("SELECT provision_id, body FROM provision_status WHERE document_id = ?",
                    (rs, i) -> ((ObjectNode) Payloads.read(json, rs.getString(2))).put("provisionId", rs.getString(1)), documentId);
            ObjectNode document = documents.addObject();
            document.put("id", documentId);
            document.set("version", version.get("version"));
            document.set("label", version.get("label"));
            document.set("status", version.get("status"));
            document.set("textAvailable", version.get("textAvailable"));
            document.set("occurred", version.get("occurred"));
            ArrayNode provisions = document.putArray("provisions");
            Instant versionLatest = instant(version.at("/occurred/latest"));
            for (JsonNode p : version.path("provisions")) {
                ObjectNode provision = provisions.addObject();
                provision.set("id", p.get("id"));
                provision.set("number", p.get("number"));
                provision.set("text", p.get("text"));
                provision.set("topics", p.get("topics"));
                provision.set("status", p.get("status"));
                statuses.stream()
                        .filter(s -> s.get("provisionId").asText().equals(p.get("id").asText()))
                        .filter(s -> !instant(s.at("/occurred/latest")).isAfter(at))
                        .filter(s -> !instant(s.get("recordedAt")).isAfter(knownAt))
                        .filter(s -> !instant(s.at("/occurred/latest")).isBefore(versionLatest))
                        .max(Comparator.comparing((JsonNode s) -> instant(s.at("/occurred/latest")))
                                .thenComparing(s -> instant(s.get("recordedAt"))))
                        .ifPresent(s -> {
                            provision.set("status", s.get("status"));
                            provision.set("statusBy", s.get("by"));
                            provision.set("statusSources", s.get("sources"));
                        });
            }
        }
        return documents;
    }

    private static Instant instant(JsonNode node) {
        return Instant.parse(node.asText());
    }


}
