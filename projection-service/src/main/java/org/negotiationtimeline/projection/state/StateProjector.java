package org.negotiationtimeline.projection.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.negotiationtimeline.projection.consuming.Projection;
import org.negotiationtimeline.projection.consuming.TimelineMessage;
import org.negotiationtimeline.projection.consuming.ViewWriter;
import org.negotiationtimeline.projection.consuming.DevelopmentForms;

/**
 * Keeps the state query's own views: {@code claim_version} and {@code position_version} (the
 * claims and the position of each development form, with its times and validity), the keys
 * positions are held on, and each negotiation's widest occurred interval.
 *
 * <p>Runs after the negotiation projector, in the same transaction, and takes the form it has
 * just opened ({@link DevelopmentForms}): one place decides what a corrected form is. That form
 * was checked there (type, occurred, recordedAt); nothing read here can fail on it, so this never
 * leaves a development half-projected. Retracted forms get no claim or position rows: the query
 * leaves them out anyway.
 *
 * <p>Writes only inserts and commuting updates (closing a version, raising a maximum), so that
 * {@link ViewWriter} can run them a batch at a time; it reads nothing back.
 *
 * <p>The same rows, and the documents' (written by the document projector), go to the
 * in-memory {@link StateIndexes} once the batch has committed.
 */
public class StateProjector implements Projection {

    private final ViewWriter views;
    private final DevelopmentForms forms;
    private final ObjectMapper json;
    private final StateIndexes indexes;

    /** @param indexes the in-memory indexes this keeps current, once each batch has committed */
    public StateProjector(ViewWriter views, DevelopmentForms forms, ObjectMapper json, StateIndexes indexes) {
        this.views = views;
        this.forms = forms;
        this.json = json;
        this.indexes = indexes;
    }

    @Override
    public void apply(TimelineMessage message) {
        switch (message.type()) {
            case "DevelopmentRecorded", "DevelopmentCorrected", "DevelopmentRetracted" ->
                    newForm(message.negotiationId(), Payloads.required(message.data(), "eventId").asText());
            case "DocumentCreated", "VersionAdded", "ProvisionStatusChanged" -> document(message);
            default -> {
                // Not a part of the state.
            }
        }
    }

    /**
     * A document, version or status, for the indexes only: the document projector, which ran
     * before, wrote its rows and checked the fields read here. Read when the batch has committed,
     * and only for a negotiation whose index is in memory then.
     */
    private void document(TimelineMessage message) {
        JsonNode data = message.data();
        long recordedAt = StateIndex.micros(message.recordedAt());
        indexes.batch().add(message.negotiationId(), changes -> {
            String documentId = data.path("documentId").asText();
            switch (message.type()) {
                case "DocumentCreated" -> changes.documents().add(new StateIndex.Document(documentId, recordedAt));
                case "VersionAdded" -> {
                    int version = data.path("version").asInt();
                    ObjectNode shown = json.createObjectNode();
                    shown.put("version", version);
                    for (String field : new String[] {"label", "status", "textAvailable", "occurred", "provisions"}) {
                        if (data.hasNonNull(field)) {
                            shown.set(field, data.get(field));
                        }
                    }
                    changes.versions().add(indexes.version(documentId, version, latest(data), recordedAt, shown));
                }
                default -> {
                    Fragments.StatusFragments status = indexes.fragments().reportedStatus(data);
                    changes.statuses().add(new StateIndex.Status(documentId, data.path("provisionId").asText(),
                            message.streamId(), message.sequence(), latest(data), recordedAt, status.value(), status.tail()));
                }
            }
        });
    }

    private static long latest(JsonNode data) {
        return StateIndex.micros(java.time.Instant.parse(data.path("occurred").path("latest").asText()));
    }

    /** The form the negotiation projector has just opened; closes the previous one's rows. */
    private void newForm(String negotiationId, String eventId) {
        DevelopmentForms.Form form = forms.current(eventId)
                .orElseThrow(() -> new IllegalStateException("no development '" + eventId + "' in the views"));
        OffsetDateTime knownFrom = Payloads.utc(form.knownFrom());
        OffsetDateTime earliest = Payloads.utc(form.earliest());
        OffsetDateTime latest = Payloads.utc(form.latest());
        OffsetDateTime recordedAt = Payloads.utc(form.recordedAt());
        if (form.version() > 0) {
            views.update("UPDATE claim_version SET known_until = ? WHERE event_id = ? AND version = ?",
                    knownFrom, eventId, form.version() - 1);
            views.update("UPDATE position_version SET known_until = ? WHERE event_id = ? AND version = ?",
                    knownFrom, eventId, form.version() - 1);
        }
        widen(negotiationId, ChronoUnit.MICROS.between(form.earliest(), form.latest()));
        JsonNode item = form.item();
        List<JsonNode[]> claims = new ArrayList<>(); // subject, value, sources, the claim (its basis)
        ObjectNode entry = null;
        String key = null;
        if (!form.retracted()) {
            JsonNode sources = orNull(item.get("sources"));
            String sourcesText = Payloads.write(json, sources);
            boolean inferred = Payloads.inferred(item);
            int ordinal = 0;
            for (JsonNode claim : item.path("claims")) {
                JsonNode value = orNull(claim.get("value"));
                claims.add(new JsonNode[] {claim.path("subject"), value, sources, claim});
                views.insert("INSERT INTO claim_version (event_id, version, ordinal, negotiation_id, subject, earliest, latest, "
                                + "recorded_at, known_from, value_json, sources, inferred, basis_json) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        eventId, form.version(), ordinal++, negotiationId, claim.path("subject").asText(), earliest,
                        latest, recordedAt, knownFrom, Payloads.write(json, value), sourcesText,
                        inferred || Payloads.inferred(claim), basisOf(claim));
            }
            JsonNode position = item.get("position");
            if ("POSITION".equals(form.type()) && position != null && position.isObject()) {
                key = position.path("holder").asText() + "|" + position.path("on").asText();
                entry = position.deepCopy();
                entry.put("eventId", eventId);
                entry.set("occurred", item.get("occurred"));
                entry.set("sources", item.get("sources"));
                Payloads.copyBasis(item, entry);
                views.insert("INSERT INTO position_version (event_id, version, negotiation_id, position_key, earliest, latest, "
                                + "recorded_at, known_from, inferred, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        eventId, form.version(), negotiationId, key, earliest, latest, recordedAt, knownFrom, inferred,
                        Payloads.write(json, entry));
                views.insert("INSERT INTO position_pair (negotiation_id, position_key) SELECT ?, ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM position_pair WHERE negotiation_id = ? AND position_key = ?)",
                        negotiationId, key, negotiationId, key);
            }
        }
        index(negotiationId, form, claims, key, entry);
    }

    /** The form as the in-memory index holds it: the same rows, with their JSON ready for answers. */
    private void index(String negotiationId, DevelopmentForms.Form form, List<JsonNode[]> claims, String positionKey,
                       ObjectNode position) {
        indexes.batch().add(negotiationId, changes -> {
            Fragments fragments = indexes.fragments();
            long knownFrom = StateIndex.micros(form.knownFrom());
            if (form.version() > 0) {
                changes.closed().put(new StateIndex.FormKey(form.eventId(), form.version() - 1), knownFrom);
            }
            List<StateIndex.Claim> claimEntries = new ArrayList<>(claims.size());
            for (int ordinal = 0; ordinal < claims.size(); ordinal++) {
                JsonNode[] claim = claims.get(ordinal);
                claimEntries.add(new StateIndex.Claim(ordinal, claim[0].asText(),
                        fragments.claim(claim[1], claim[2], form.eventId(), claim[3])));
            }
            changes.opened().add(new StateIndex.Form(form.eventId(), form.version(), knownFrom, StateIndex.OPEN,
                    StateIndex.micros(form.recordedAt()), StateIndex.micros(form.earliest()),
                    StateIndex.micros(form.latest()), form.retracted(), fragments.value(form.item()), claimEntries,
                    position == null ? null : new StateIndex.Position(positionKey, fragments.value(position))));
        });
    }

    /**
     * Raises the negotiation's widest interval to {@code micros}; never lowers it (an upper bound).
     * An insert if missing, then a maximum: both commute with the rest of the batch.
     */
    private void widen(String negotiationId, long micros) {
        views.insert("INSERT INTO development_width (negotiation_id, widest_micros) SELECT ?, ? WHERE NOT EXISTS "
                + "(SELECT 1 FROM development_width WHERE negotiation_id = ?)", negotiationId, micros, negotiationId);
        views.update("UPDATE development_width SET widest_micros = ? WHERE negotiation_id = ? AND widest_micros < ?",
                micros, negotiationId, micros);
    }

    /** The claim's own basis and note as JSON, or null when it has none (REPORTED). */
    private String basisOf(JsonNode claim) {
        if (!claim.hasNonNull("basis")) {
            return null;
        }
        ObjectNode basis = json.createObjectNode();
        Payloads.copyBasis(claim, basis);
        return Payloads.write(json, basis);
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? NullNode.getInstance() : node;
    }
}
