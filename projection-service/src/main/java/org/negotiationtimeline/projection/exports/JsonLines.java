package org.negotiationtimeline.projection.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.negotiationtimeline.projection.documents.DocumentQueries;
import org.negotiationtimeline.projection.negotiations.NegotiationQueries;

/**
 * A negotiation as a dataset (docs/dataset.md): the JSON Lines {@code load-dataset} replays through
 * timeline-service's API, so that an empty deployment ends with the same views. Built from the
 * views, which hold every development as first recorded, every amendment, every document version
 * and provision status (docs/exports.md says why not from the stream). Each line's body is the
 * request that recorded it: the views' derived fields (an {@code occurred}'s bounds and precision,
 * {@code recordedAt}, the flags) and nulls are left out, ids are kept, so loading it again is
 * recognised line by line.
 *
 * <p>Limit: {@code recordedAt} is not carried over (the loading deployment records anew, in the
 * same order), so {@code knownAt} before the load sees nothing there.
 */
final class JsonLines {

    /** Fields of an {@code occurred} that the service derives from value and zone. */
    private static final List<String> DERIVED_OCCURRED = List.of("earliest", "latest", "precision");
    /** Fields a timeline item has beyond the development as recorded. */
    private static final List<String> DERIVED_ITEM = List.of("recordedAt", "corrected", "retracted");
    /** Provision lists the service fills in as empty when a request leaves them out. */
    private static final List<String> DEFAULTED_PROVISION_LISTS = List.of("topics", "derivedFrom");
    /** Line kinds in the order they are replayed when recorded at the same instant (one batch). */
    private static final Map<String, Integer> RANK = Map.of("document", 0, "version", 1, "provision-status", 2,
            "development", 3, "correction", 4, "retraction", 5);

    private record Line(Instant recordedAt, String op, ObjectNode line) {
    }

    private JsonLines() {
    }

    /**
     * The negotiation's lines: the negotiation, its actors, then every recorded thing in the order
     * recorded; with {@code knownAt}, only what was recorded by then.
     */
    static List<ObjectNode> of(ObjectMapper json, NegotiationQueries.NegotiationSummary negotiation,
                               NegotiationQueries negotiations, DocumentQueries documents, Instant knownAt) {
        String nid = negotiation.id();
        List<ObjectNode> out = new ArrayList<>();
        ObjectNode start = json.createObjectNode().put("op", "negotiation");
        ObjectNode startBody = start.putObject("body").put("id", nid).put("title", negotiation.title());
        if (negotiation.description() != null) {
            startBody.put("description", negotiation.description());
        }
        out.add(start);
        for (NegotiationQueries.Actor actor : negotiations.actors(nid)) {
            ObjectNode line = json.createObjectNode().put("op", "actor").put("negotiation", nid);
            line.set("body", withoutNulls(json.valueToTree(actor)));
            out.add(line);
        }

        List<Line> recorded = new ArrayList<>();
        for (JsonNode document : documents.documentsIn(nid)) {
            ObjectNode line = json.createObjectNode().put("op", "document").put("negotiation", nid);
            ObjectNode body = line.putObject("body");
            body.set("id", document.get("id"));
            body.set("title", document.get("title"));
            body.set("kind", document.get("kind"));
            recorded.add(new Line(recordedAt(document), "document", line));
        }
        for (JsonNode version : documents.versionsIn(nid)) {
            ObjectNode line = json.createObjectNode().put("op", "version");
            line.set("document", version.get("document"));
            ObjectNode body = request(version);
            for (String served : List.of("document", "version", "changes", "recordedAt")) {
                body.remove(served);
            }
            body.withArray("provisions").forEach(p -> DEFAULTED_PROVISION_LISTS.forEach(list -> {
                if (p.path(list).isEmpty()) {
                    ((ObjectNode) p).remove(list);
                }
            }));
            // A replay into a deployment where the document moved on is refused (409), not a new version.
            body.put("expectedVersion", version.get("version").asInt() - 1);
            line.set("body", body);
            recorded.add(new Line(recordedAt(version), "version", line));
        }
        for (JsonNode status : documents.statusesIn(nid)) {
            ObjectNode line = json.createObjectNode().put("op", "provision-status");
            line.set("document", status.get("document"));
            line.set("provision", status.get("provision"));
            ObjectNode body = request(status);
            for (String served : List.of("document", "provision", "recordedAt")) {
                body.remove(served);
            }
            line.set("body", body);
            recorded.add(new Line(recordedAt(status), "provision-status", line));
        }
        for (JsonNode original : negotiations.originals(nid)) {
            ObjectNode line = json.createObjectNode().put("op", "development").put("negotiation", nid);
            ObjectNode body = request(original);
            DERIVED_ITEM.forEach(body::remove);
            line.set("body", body);
            recorded.add(new Line(recordedAt(original), "development", line));
        }
        for (NegotiationQueries.Amendment amendment : negotiations.amendments(nid)) {
            String op = amendment.body().path("kind").asText().equals("RETRACTION") ? "retraction" : "correction";
            ObjectNode line = json.createObjectNode().put("op", op).put("event", amendment.eventId());
            line.set("id", amendment.body().get("id"));
            ObjectNode body = request(amendment.body());
            for (String served : List.of("kind", "id", "recordedAt")) {
                body.remove(served);
            }
            line.set("body", body);
            recorded.add(new Line(recordedAt(amendment.body()), op, line));
        }
        // Stable: within a kind, each query's own order stands.
        recorded.sort(Comparator.comparing(Line::recordedAt).thenComparing(l -> RANK.get(l.op())));
        recorded.stream().filter(l -> knownAt == null || !l.recordedAt().isAfter(knownAt)).forEach(l -> out.add(l.line()));
        return out;
    }

    private static Instant recordedAt(JsonNode served) {
        return Instant.parse(served.get("recordedAt").asText());
    }

    /**
     * A served body as the request that made it: without nulls, its {@code occurred} (or its
     * correction's) without the bounds, {@code sanctions.packageName} as the request's
     * {@code package}. Claim values are any JSON and are kept exactly.
     */
    private static ObjectNode request(JsonNode served) {
        ObjectNode body = withoutNulls(served.deepCopy());
        for (JsonNode holder : List.of(body, body.path("set"))) {
            if (holder.get("occurred") instanceof ObjectNode occurred) {
                DERIVED_OCCURRED.forEach(occurred::remove);
            }
            // The published events (docs/schemas) spell the request's sanctions.package as packageName.
            if (holder.get("sanctions") instanceof ObjectNode sanctions && sanctions.has("packageName")) {
                sanctions.set("package", sanctions.remove("packageName"));
            }
        }
        return body;
    }

    private static ObjectNode withoutNulls(ObjectNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                fields.remove();
            } else if (field.getKey().equals("claims")) {
                continue;
            } else if (value instanceof ObjectNode object) {
                withoutNulls(object);
            } else if (value instanceof ArrayNode array) {
                array.forEach(e -> {
                    if (e instanceof ObjectNode o) {
                        withoutNulls(o);
                    }
                });
            }
        }
        return node;
    }
}
