package org.negotiationtimeline.projection.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.negotiationtimeline.projection.web.Cursor;
import org.negotiationtimeline.projection.web.Page;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads of the document views: versions, comparisons and provision histories. */
public class DocumentQueries {

    /** One version of one document. */
    public record VersionRef(String documentId, int version) {
        @Override
        public String toString() {
            return documentId + "@" + version;
        }
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final int maxDiffWords;

    /** @param maxDiffWords texts with more words than this are compared without a word diff */
    public DocumentQueries(JdbcTemplate jdbc, ObjectMapper json, int maxDiffWords) {
        this.jdbc = jdbc;
        this.json = json;
        this.maxDiffWords = maxDiffWords;
    }

    public Optional<JsonNode> document(String documentId) {
        return jdbc.query("SELECT * FROM document_view WHERE document_id = ?", (rs, i) -> (JsonNode) document(rs), documentId)
                .stream().findFirst();
    }

    private ObjectNode document(java.sql.ResultSet rs) throws java.sql.SQLException {
        ObjectNode d = json.createObjectNode();
        d.put("id", rs.getString("document_id"));
        d.put("negotiationId", rs.getString("negotiation_id"));
        d.put("title", rs.getString("title"));
        d.put("kind", rs.getString("kind"));
        return d;
    }

    /**
     * The negotiation's documents (as {@link #document} answers them, with {@code recordedAt}),
     * every version whole and every provision status reported ({@code document, provision}
     * added), each list in the order recorded: what the JSON Lines export replays.
     */
    public List<JsonNode> documentsIn(String negotiationId) {
        return jdbc.query("SELECT * FROM document_view WHERE negotiation_id = ? ORDER BY recorded_at, document_id",
                (rs, i) -> (JsonNode) document(rs).put("recordedAt",
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant().toString()), negotiationId);
    }

    /** See {@link #documentsIn}. */
    public List<JsonNode> versionsIn(String negotiationId) {
        return jdbc.query("SELECT body FROM document_version WHERE negotiation_id = ? ORDER BY recorded_at, document_id, version",
                (rs, i) -> Payloads.read(json, rs.getString("body")), negotiationId);
    }

    /** See {@link #documentsIn}. */
    public List<JsonNode> statusesIn(String negotiationId) {
        return jdbc.query("SELECT s.document_id, s.provision_id, s.body FROM provision_status s JOIN document_view d "
                        + "ON d.document_id = s.document_id WHERE d.negotiation_id = ? ORDER BY s.recorded_at, s.stream_id, s.sequence",
                (rs, i) -> {
                    ObjectNode status = (ObjectNode) Payloads.read(json, rs.getString("body"));
                    status.put("document", rs.getString("document_id"));
                    status.put("provision", rs.getString("provision_id"));
                    return (JsonNode) status;
                }, negotiationId);
    }

    /** One page of a document's versions, oldest first, without their provisions, after the cursor's version. */
    public Page<JsonNode> versions(String documentId, String after, int limit) {
        int from = 0;
        if (after != null) {
            try {
                from = Integer.parseInt(Cursor.parts(after, 1).get(0));
            } catch (NumberFormatException e) {
                throw Cursor.invalid();
            }
        }
        List<JsonNode> found = jdbc.query("SELECT body FROM document_version WHERE document_id = ? AND version > ? "
                        + "ORDER BY version LIMIT ?",
                (rs, i) -> {
                    ObjectNode v = (ObjectNode) Payloads.read(json, rs.getString("body"));
                    v.put("provisionCount", v.path("provisions").size());
                    v.remove("provisions");
                    v.remove("changes");
                    return (JsonNode) v;
                }, documentId, from, limit + 1);
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        return new Page<>(found.subList(0, limit), Cursor.of(found.get(limit - 1).path("version").asText()));
    }

    public Optional<JsonNode> version(VersionRef ref) {
        return jdbc.query("SELECT body FROM document_version WHERE document_id = ? AND version = ?",
                (rs, i) -> Payloads.read(json, rs.getString("body")), ref.documentId(), ref.version()).stream().findFirst();
    }

    /**
     * What changed from one version to another — consecutive or not, of one document or of two —
     * following lineage back from each provision of {@code to} to the provisions of {@code from}
     * it comes from. Classified as the command side does (see docs/drafts.md); an amended text
     * comes with a word-level diff, unless either text is over the word cap ({@code textDiffOmitted}).
     */
    public List<JsonNode> compare(VersionRef from, VersionRef to) {
        Map<String, JsonNode> before = provisionsOf(from);
        Map<String, JsonNode> after = provisionsOf(to);
        Map<String, Set<String>> ancestors = new LinkedHashMap<>();
        Map<String, Integer> descendants = new HashMap<>();
        for (String provision : after.keySet()) {
            Set<String> found = ancestorsIn(from, new Node(to.documentId(), provision, to.version()));
            ancestors.put(provision, found);
            found.forEach(a -> descendants.merge(a, 1, Integer::sum));
        }
        List<JsonNode> rows = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : ancestors.entrySet()) {
            JsonNode next = after.get(entry.getKey());
            Set<String> found = entry.getValue();
            if (found.isEmpty()) {
                rows.add(row("ADDED", null, next));
            } else if (found.size() > 1) {
                found.forEach(a -> rows.add(row("MERGED", before.get(a), next)));
            } else {
                JsonNode previous = before.get(found.iterator().next());
                if (descendants.get(previous.get("id").asText()) > 1) {
                    rows.add(row("SPLIT", previous, next));
                } else if (previous.hasNonNull("text") && next.hasNonNull("text")
                        && !normalised(previous.get("text").asText()).equals(normalised(next.get("text").asText()))) {
                    ObjectNode amended = row("AMENDED", previous, next);
                    String was = previous.get("text").asText();
                    String is = next.get("text").asText();
                    if (WordDiff.wordCount(was) > maxDiffWords || WordDiff.wordCount(is) > maxDiffWords) {
                        amended.put("textDiffOmitted", "a text has more than " + maxDiffWords + " words");
                    } else {
                        ArrayNode diff = amended.putArray("textDiff");
                        WordDiff.between(was, is).forEach(run ->
                                diff.addObject().put("op", run.op().name().toLowerCase()).put("text", run.text()));
                    }
                    rows.add(amended);
                } else {
                    rows.add(row(Objects.equals(text(previous, "number"), text(next, "number")) ? "UNCHANGED" : "RENUMBERED",
                            previous, next));
                }
            }
        }
        for (Map.Entry<String, JsonNode> previous : before.entrySet()) {
            if (!descendants.containsKey(previous.getKey())) {
                rows.add(row("REMOVED", previous.getValue(), null));
            }
        }
        return rows;
    }

    /**
     * Every version a provision appears in (number, text, status, sources), the statuses reported
     * for it over time, and its lineage backwards and forwards across documents.
     */
    public Optional<JsonNode> history(String documentId, String provisionId) {
        List<JsonNode> appearances = jdbc.query(
                "SELECT body FROM provision_occurrence WHERE document_id = ? AND provision_id = ? ORDER BY version",
                (rs, i) -> Payloads.read(json, rs.getString("body")), documentId, provisionId);
        if (appearances.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> statuses = jdbc.query(
                "SELECT body FROM provision_status WHERE document_id = ? AND provision_id = ? ORDER BY stream_id, sequence",
                (rs, i) -> Payloads.read(json, rs.getString("body")), documentId, provisionId);
        ObjectNode answer = json.createObjectNode();
        answer.put("document", documentId);
        answer.put("provision", provisionId);
        answer.set("appearances", json.valueToTree(appearances));
        answer.set("statusChanges", json.valueToTree(statuses));
        ObjectNode lineage = answer.putObject("lineage");
        lineage.set("backward", json.valueToTree(reachable(documentId, provisionId, true)));
        lineage.set("forward", json.valueToTree(reachable(documentId, provisionId, false)));
        return Optional.of(answer);
    }

    // --- lineage ---------------------------------------------------------------------------------

    private record Node(String documentId, String provisionId, int version) {
    }

    /** The provisions of version {@code target} that {@code start} comes from, following predecessors. */
    private Set<String> ancestorsIn(VersionRef target, Node start) {
        Set<String> found = new LinkedHashSet<>();
        Set<Node> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node.documentId().equals(target.documentId()) && node.version() <= target.version()) {
                if (node.version() == target.version()) {
                    found.add(node.provisionId());
                }
                continue;
            }
            todo.addAll(predecessors(node));
        }
        return found;
    }

    /** Where a provision occurrence comes from: each predecessor at the version it was taken from. */
    private List<Node> predecessors(Node node) {
        List<JsonNode> occurrence = jdbc.query(
                "SELECT body FROM provision_occurrence WHERE document_id = ? AND provision_id = ? AND version = ?",
                (rs, i) -> Payloads.read(json, rs.getString("body")), node.documentId(), node.provisionId(), node.version());
        if (occurrence.isEmpty()) {
            return List.of();
        }
        OffsetDateTime recordedAt = jdbc.queryForObject(
                "SELECT recorded_at FROM document_version WHERE document_id = ? AND version = ?", OffsetDateTime.class,
                node.documentId(), node.version());
        List<Node> result = new ArrayList<>();
        for (JsonNode from : occurrence.get(0).path("from")) {
            String qualified = from.asText();
            String document = qualified.substring(0, qualified.indexOf('/'));
            String provision = qualified.substring(qualified.indexOf('/') + 1);
            // The latest earlier form: an earlier version of the same document, or the other
            // document's latest version recorded before this one.
            Integer version = document.equals(node.documentId())
                    ? jdbc.queryForObject("SELECT MAX(version) FROM provision_occurrence WHERE document_id = ? "
                    + "AND provision_id = ? AND version < ?", Integer.class, document, provision, node.version())
                    : jdbc.queryForObject("SELECT MAX(o.version) FROM provision_occurrence o JOIN document_version v "
                    + "ON v.document_id = o.document_id AND v.version = o.version WHERE o.document_id = ? "
                    + "AND o.provision_id = ? AND v.recorded_at <= ?", Integer.class, document, provision, recordedAt);
            if (version != null) {
                result.add(new Node(document, provision, version));
            }
        }
        return result;
    }

    /** Provisions this one comes from (backward) or that come from it (forward), transitively, as docId/pid. */
    private List<String> reachable(String documentId, String provisionId, boolean backward) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(documentId + "/" + provisionId));
        String self = documentId + "/" + provisionId;
        while (!todo.isEmpty()) {
            String current = todo.pop();
            String document = current.substring(0, current.indexOf('/'));
            String provision = current.substring(current.indexOf('/') + 1);
            List<String> next = backward
                    ? jdbc.query("SELECT DISTINCT from_document, from_provision FROM provision_lineage WHERE to_document = ? "
                    + "AND to_provision = ?", (rs, i) -> rs.getString(1) + "/" + rs.getString(2), document, provision)
                    : jdbc.query("SELECT DISTINCT to_document, to_provision FROM provision_lineage WHERE from_document = ? "
                    + "AND from_provision = ?", (rs, i) -> rs.getString(1) + "/" + rs.getString(2), document, provision);
            for (String id : next) {
                if (!id.equals(self) && found.add(id)) {
                    todo.add(id);
                }
            }
        }
        return List.copyOf(found);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private Map<String, JsonNode> provisionsOf(VersionRef ref) {
        JsonNode version = version(ref).orElseThrow(() -> new IllegalArgumentException("no version " + ref));
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        version.path("provisions").forEach(p -> byId.put(p.get("id").asText(), p));
        return byId;
    }

    private ObjectNode row(String change, JsonNode from, JsonNode to) {
        ObjectNode row = json.createObjectNode();
        row.put("change", change);
        if (from != null) {
            row.set("from", brief(from));
        }
        if (to != null) {
            row.set("to", brief(to));
        }
        return row;
    }

    private ObjectNode brief(JsonNode provision) {
        ObjectNode brief = json.createObjectNode();
        brief.set("id", provision.get("id"));
        brief.set("number", provision.get("number"));
        brief.set("text", provision.get("text"));
        Payloads.copyBasis(provision, brief);
        if (provision.hasNonNull("sources")) {
            brief.set("sources", provision.get("sources"));
        }
        return brief;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String normalised(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

}
