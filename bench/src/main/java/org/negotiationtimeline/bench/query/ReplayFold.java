package org.negotiationtimeline.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Baseline for /state: the way an Axon user answers "state at X, as known at Y" without a view —
 * read the negotiation's events back from the event store and fold them, per query. It reads
 * timeline-service's own event store table with plain JDBC and Jackson trees (no upcasters, no
 * domain classes, no HTTP), so it is, if anything, faster than doing it through Axon: a
 * conservative baseline.
 */
public final class ReplayFold {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<JsonNode> LATEST_FIRST = Comparator
            .comparing((JsonNode d) -> instant(d, "/occurred/latest")).reversed()
            .thenComparing(Comparator.comparing((JsonNode d) -> instant(d, "/occurred/earliest")).reversed())
            .thenComparing(d -> d.path("eventId").asText());

    private ReplayFold() {
    }

    /**
     * The state of negotiation {@code nid} at {@code at} as known at {@code knownAt}.
     *
     * @return the answer's size (developments listed, uncertain, claims, positions, documents), so
     *         that nothing can be optimised away and the caller can check it is not empty
     */
    public static int state(Connection events, String nid, Instant at, Instant knownAt) throws SQLException, IOException {
        Map<String, ObjectNode> developments = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, JsonNode>> versions = new HashMap<>();
        List<JsonNode> statuses = new ArrayList<>();
        try (PreparedStatement read = events.prepareStatement(
                "SELECT payload_type, payload FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            read.setString(1, nid);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(1);
                    JsonNode event = JSON.readTree(rs.getBytes(2));
                    if (instant(event, "/recordedAt").isAfter(knownAt)) {
                        continue; // Not yet known at knownAt.
                    }
                    switch (type.substring(type.lastIndexOf('.') + 1)) {
                        case "DevelopmentRecorded" -> developments.put(event.get("eventId").asText(), (ObjectNode) event);
                        case "DevelopmentCorrected" -> {
                            ObjectNode form = developments.get(event.get("eventId").asText());
                            event.get("set").fields().forEachRemaining(f -> {
                                if (!f.getValue().isNull()) {
                                    form.set(f.getKey(), f.getValue());
                                }
                            });
                        }
                        case "DevelopmentRetracted" -> developments.remove(event.get("eventId").asText());
                        case "VersionAdded" -> versions.computeIfAbsent(event.get("documentId").asText(), d -> new TreeMap<>())
                                .put(event.get("version").asInt(), event);
                        case "ProvisionStatusChanged" -> statuses.add(event);
                        default -> {
                            // Negotiation, actors, documents: not part of the state's answer.
                        }
                    }
                }
            }
        }
        List<JsonNode> happened = new ArrayList<>();
        int uncertain = 0;
        for (JsonNode d : developments.values()) {
            if (!instant(d, "/occurred/latest").isAfter(at)) {
                happened.add(d);
            } else if (!instant(d, "/occurred/earliest").isAfter(at)) {
                uncertain++;
            }
        }
        happened.sort(LATEST_FIRST);
        Map<String, List<JsonNode>> claims = new TreeMap<>();
        Map<String, JsonNode> positions = new TreeMap<>();
        for (int i = happened.size() - 1; i >= 0; i--) { // oldest first: later positions win
            JsonNode d = happened.get(i);
            d.path("claims").forEach(c -> claims.computeIfAbsent(c.get("subject").asText(), s -> new ArrayList<>()).add(c));
            JsonNode position = d.get("position");
            if (position != null && !position.isNull()) {
                positions.put(position.path("holder").asText() + "|" + position.path("on").asText(), d);
            }
        }
        int documents = 0;
        int provisions = 0;
        for (TreeMap<Integer, JsonNode> document : versions.values()) {
            JsonNode current = document.values().stream()
                    .filter(v -> !instant(v, "/occurred/latest").isAfter(at))
                    .max(Comparator.comparing((JsonNode v) -> instant(v, "/occurred/latest"))
                            .thenComparing(v -> v.get("version").asInt()))
                    .orElse(null);
            if (current != null) {
                documents++;
                Instant since = instant(current, "/occurred/latest");
                for (JsonNode provision : current.path("provisions")) {
                    boolean reported = statuses.stream()
                            .filter(s -> s.get("provisionId").asText().equals(provision.get("id").asText()))
                            .filter(s -> !instant(s, "/occurred/latest").isAfter(at))
                            .filter(s -> !instant(s, "/occurred/latest").isBefore(since))
                            .max(Comparator.comparing((JsonNode s) -> instant(s, "/occurred/latest")))
                            .isPresent();
                    provisions += reported ? 2 : 1;
                }
            }
        }
        return Math.min(50, happened.size()) + uncertain + claims.size() + positions.size() + documents + provisions;
    }

    private static Instant instant(JsonNode node, String pointer) {
        return Instant.parse(node.at(pointer).asText());
    }
}
