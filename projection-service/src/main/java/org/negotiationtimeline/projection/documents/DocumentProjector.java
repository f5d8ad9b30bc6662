package org.negotiationtimeline.projection.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.negotiationtimeline.projection.consuming.Projection;
import org.negotiationtimeline.projection.consuming.TimelineMessage;
import org.negotiationtimeline.projection.consuming.ViewWriter;

/**
 * Builds the document views: each version as recorded, each provision in every version it appears
 * in, the lineage edges between provisions, and the statuses reported for them. Reads and checks
 * every field it needs before it writes (see {@link Projection}).
 */
public class DocumentProjector implements Projection {

    private final ViewWriter views;
    private final ObjectMapper json;

    public DocumentProjector(ViewWriter views, ObjectMapper json) {
        this.views = views;
        this.json = json;
    }

    @Override
    public void apply(TimelineMessage message) {
        switch (message.type()) {
            case "DocumentCreated" -> created(message, message.data());
            case "VersionAdded" -> versionAdded(message, message.data());
            case "ProvisionStatusChanged" -> statusChanged(message, message.data());
            default -> {
                // Not about documents.
            }
        }
    }

    private void created(TimelineMessage message, JsonNode data) {
        String documentId = Payloads.required(data, "documentId").asText();
        String title = Payloads.required(data, "title").asText();
        String kind = Payloads.required(data, "kind").asText();
        views.insert("INSERT INTO document_view (document_id, negotiation_id, title, kind, recorded_at) VALUES (?, ?, ?, ?, ?)",
                documentId, message.negotiationId(), title, kind, Payloads.utc(message.recordedAt()));
    }

    private void versionAdded(TimelineMessage message, JsonNode data) {
        String documentId = Payloads.required(data, "documentId").asText();
        int version = Payloads.required(data, "version").asInt();
        JsonNode occurred = Payloads.required(data, "occurred");
        Instant earliest = Instant.parse(Payloads.required(occurred, "earliest").asText());
        Instant latest = Instant.parse(Payloads.required(occurred, "latest").asText());
        Payloads.required(data, "changes");
        ObjectNode body = json.createObjectNode();
        body.put("document", documentId);
        body.put("version", version);
        for (String field : new String[] {"label", "occurred", "status", "textAvailable", "reportedProvisionCount",
                "provisions", "changes", "sources"}) {
            if (data.hasNonNull(field)) {
                body.set(field, data.get(field));
            }
        }
        body.put("recordedAt", message.recordedAt().toString());

        // Read everything first: nothing is written unless the whole version can be.
        List<ObjectNode> occurrences = new ArrayList<>();
        List<String[]> lineage = new ArrayList<>();
        for (JsonNode provision : Payloads.required(data, "provisions")) {
            String provisionId = Payloads.required(provision, "id").asText();
            ObjectNode occurrence = provision.deepCopy();
            occurrence.put("version", version);
            occurrence.set("label", data.get("label"));
            occurrence.set("occurred", occurred);
            occurrence.put("recordedAt", message.recordedAt().toString());
            if (!provision.hasNonNull("sources")) {
                occurrence.set("sources", data.get("sources")); // a provision without its own has all the version's
            }
            JsonNode change = changeOf(data, provisionId);
            if (change != null) {
                occurrence.set("change", change.get("change"));
                occurrence.set("from", change.get("from"));
                for (JsonNode from : change.path("from")) {
                    String qualified = from.asText();
                    int slash = qualified.indexOf('/');
                    if (slash < 1) {
                        throw new IllegalArgumentException("'" + qualified + "' is not a qualified provision id");
                    }
                    lineage.add(new String[] {qualified.substring(0, slash), qualified.substring(slash + 1), provisionId});
                }
            }
            occurrences.add(occurrence);
        }

        views.insert("INSERT INTO document_version (document_id, version, negotiation_id, earliest, latest, recorded_at, body) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                documentId, version, message.negotiationId(), Payloads.utc(earliest), Payloads.utc(latest), Payloads.utc(message.recordedAt()), Payloads.write(json, body));
        for (ObjectNode occurrence : occurrences) {
            views.insert("INSERT INTO provision_occurrence (document_id, provision_id, version, body) VALUES (?, ?, ?, ?)",
                    documentId, occurrence.get("id").asText(), version, Payloads.write(json, occurrence));
        }
        for (String[] edge : lineage) {
            views.insert("INSERT INTO provision_lineage (from_document, from_provision, to_document, to_provision, to_version) "
                    + "VALUES (?, ?, ?, ?, ?)", edge[0], edge[1], documentId, edge[2], version);
        }
    }

    private static JsonNode changeOf(JsonNode data, String provisionId) {
        for (JsonNode change : data.get("changes")) {
            if (provisionId.equals(change.path("provision").asText()) && !"REMOVED".equals(change.path("change").asText())) {
                return change;
            }
        }
        return null;
    }

    private void statusChanged(TimelineMessage message, JsonNode data) {
        String documentId = Payloads.required(data, "documentId").asText();
        String provisionId = Payloads.required(data, "provisionId").asText();
        ObjectNode body = json.createObjectNode();
        JsonNode occurred = Payloads.required(data, "occurred");
        Instant latest = Instant.parse(Payloads.required(occurred, "latest").asText());
        body.set("status", Payloads.required(data, "status"));
        body.set("by", data.get("by"));
        body.set("occurred", occurred);
        body.set("sources", Payloads.required(data, "sources"));
        Payloads.copyBasis(data, body);
        body.put("recordedAt", message.recordedAt().toString());
        views.insert("INSERT INTO provision_status (document_id, provision_id, stream_id, sequence, latest, recorded_at, "
                        + "inferred, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                documentId, provisionId, message.streamId(), message.sequence(), Payloads.utc(latest),
                Payloads.utc(message.recordedAt()), Payloads.inferred(data), Payloads.write(json, body));
    }
}
