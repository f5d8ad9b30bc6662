package org.negotiationtimeline.projection.negotiations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.negotiationtimeline.projection.consuming.DevelopmentForms;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.negotiationtimeline.projection.consuming.Projection;
import org.negotiationtimeline.projection.consuming.TimelineMessage;
import org.negotiationtimeline.projection.consuming.PublishedDevelopment;
import org.negotiationtimeline.projection.consuming.ViewWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the negotiation list, actor registries and each development in every form it has had.
 * A tolerant reader: unknown fields and event types are ignored. Every handler reads and checks
 * the payload before it writes (see {@link Projection}).
 */
public class NegotiationProjector implements Projection {

    private static final Logger log = LoggerFactory.getLogger(NegotiationProjector.class);

    private final ViewWriter views;
    private final DevelopmentForms forms;
    private final ObjectMapper json;

    public NegotiationProjector(ViewWriter views, DevelopmentForms forms, ObjectMapper json) {
        this.views = views;
        this.forms = forms;
        this.json = json;
    }

    @Override
    public void apply(TimelineMessage message) {
        JsonNode data = message.data();
        switch (message.type()) {
            case "NegotiationStarted" -> started(message, data);
            case "ActorRegistered" -> actorRegistered(message, data);
            case "DevelopmentRecorded" -> recorded(message, data);
            case "DevelopmentCorrected" -> corrected(message, data);
            case "DevelopmentRetracted" -> retracted(message, data);
            default -> log.debug("No view uses {}", message.type());
        }
    }

    private void started(TimelineMessage message, JsonNode data) {
        String title = Payloads.required(data, "title").asText();
        views.insert("INSERT INTO negotiation_view (id, title, description, started_at, development_count) VALUES (?, ?, ?, ?, 0)",
                message.negotiationId(), title, Payloads.text(data, "description"), Payloads.utc(message.recordedAt()));
    }

    private void actorRegistered(TimelineMessage message, JsonNode data) {
        String actorId = Payloads.required(data, "actorId").asText();
        String name = Payloads.required(data, "name").asText();
        String kind = Payloads.required(data, "kind").asText();
        views.insert("INSERT INTO actor_view (negotiation_id, actor_id, name, affiliation, kind) VALUES (?, ?, ?, ?, ?)",
                message.negotiationId(), actorId, name, Payloads.text(data, "affiliation"), kind);
    }

    private void recorded(TimelineMessage message, JsonNode data) {
        ObjectNode item = json.createObjectNode();
        data.fields().forEachRemaining(field -> {
            if (!PublishedDevelopment.INTERNAL.contains(field.getKey())) {
                item.set(field.getKey(), field.getValue());
            }
        });
        item.put("recordedAt", message.recordedAt().toString());
        item.put("corrected", false);
        item.put("retracted", false);
        Version first = Version.of(item);
        insertVersion(message.negotiationId(), item.get("eventId").asText(), 0, message.recordedAt(), first, item);
        views.update("UPDATE negotiation_view SET development_count = development_count + 1, last_recorded_at = ? WHERE id = ?",
                Payloads.utc(message.recordedAt()), message.negotiationId());
    }

    private void corrected(TimelineMessage message, JsonNode data) {
        String eventId = Payloads.required(data, "eventId").asText();
        JsonNode set = Payloads.required(data, "set");
        Current current = current(eventId);
        ObjectNode item = current.item().deepCopy();
        for (String field : PublishedDevelopment.CORRECTABLE) {
            if (set.hasNonNull(field)) {
                item.set(field, set.get(field));
            }
        }
        correctBasis(item, set);
        item.put("corrected", true);
        Version next = Version.of(item);
        amend(message, data, "CORRECTION", Payloads.required(data, "correctionId").asText(), eventId, current, next, item);
    }

    /**
     * {@code basis} and {@code note} are one pair, as in the domain (DevelopmentContent): a
     * correction that sets the basis sets the note with it (absent: none); one that sets only the
     * note keeps the basis. REPORTED with no note is the default, so it is left out.
     */
    private static void correctBasis(ObjectNode item, JsonNode set) {
        if (set.hasNonNull("basis")) {
            item.set("basis", set.get("basis"));
            item.remove("note");
        }
        if (set.hasNonNull("note")) {
            item.set("note", set.get("note"));
        }
        if (!item.hasNonNull("note") && "REPORTED".equals(item.path("basis").asText())) {
            item.remove("basis");
        }
    }

    private void retracted(TimelineMessage message, JsonNode data) {
        String eventId = Payloads.required(data, "eventId").asText();
        Current current = current(eventId);
        ObjectNode item = current.item().deepCopy();
        item.put("retracted", true);
        Version next = Version.of(item);
        amend(message, data, "RETRACTION", Payloads.required(data, "retractionId").asText(), eventId, current, next, item);
        views.update("UPDATE negotiation_view SET development_count = development_count - 1 WHERE id = ?",
                message.negotiationId());
    }

    /** Closes the current version at the amendment's recordedAt and opens the next one. */
    private void amend(TimelineMessage message, JsonNode data, String kind, String amendmentId, String eventId,
                       Current current, Version next, ObjectNode item) {
        ObjectNode amendment = json.createObjectNode();
        amendment.put("kind", kind);
        amendment.put("id", amendmentId);
        amendment.put("recordedAt", message.recordedAt().toString());
        if (data.has("set")) {
            amendment.set("set", data.get("set"));
        }
        amendment.set("reason", data.get("reason"));
        amendment.set("sources", data.get("sources"));
        views.update("UPDATE development_version SET known_until = ? WHERE event_id = ? AND version = ?",
                Payloads.utc(message.recordedAt()), eventId, current.version());
        insertVersion(message.negotiationId(), eventId, current.version() + 1, message.recordedAt(), next, item);
        views.insert("INSERT INTO development_amendment (amendment_id, event_id, recorded_at, body) VALUES (?, ?, ?, ?)",
                amendmentId, eventId, Payloads.utc(message.recordedAt()), Payloads.write(json, amendment));
    }

    private void insertVersion(String negotiationId, String eventId, int version, Instant knownFrom, Version v,
                               ObjectNode item) {
        views.insert("INSERT INTO development_version (event_id, version, negotiation_id, known_from, recorded_at, type, "
                        + "earliest, latest, retracted, inferred, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                eventId, version, negotiationId, Payloads.utc(knownFrom), Payloads.utc(v.recordedAt()), v.type(), Payloads.utc(v.earliest()),
                Payloads.utc(v.latest()), v.retracted(), Payloads.inferred(item), Payloads.write(json, item));
        forms.opened(new DevelopmentForms.Form(eventId, version, negotiationId, knownFrom, v.recordedAt(), v.type(),
                v.earliest(), v.latest(), v.retracted(), item));        Set<String> actors = new LinkedHashSet<>();
        item.path("actors").forEach(actor -> actors.add(actor.path("id").asText()));
        Set<String> topics = new LinkedHashSet<>();
        item.path("topics").forEach(topic -> topics.add(topic.asText()));
        for (String actor : actors) {
            views.insert("INSERT INTO development_actor (event_id, version, actor_id, negotiation_id, earliest, latest, "
                    + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", eventId, version, actor, negotiationId,
                    Payloads.utc(v.earliest()), Payloads.utc(v.latest()), Payloads.utc(v.recordedAt()));
        }
        for (String topic : topics) {
            views.insert("INSERT INTO development_topic (event_id, version, topic, negotiation_id, earliest, latest, "
                    + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", eventId, version, topic, negotiationId,
                    Payloads.utc(v.earliest()), Payloads.utc(v.latest()), Payloads.utc(v.recordedAt()));
        }
    }

    /** The columns a version is queried by, read (and checked) from its item. */
    private record Version(String type, Instant earliest, Instant latest, Instant recordedAt, boolean retracted) {
        static Version of(ObjectNode item) {
            JsonNode occurred = Payloads.required(item, "occurred");
            return new Version(Payloads.required(item, "type").asText(), Instant.parse(Payloads.required(occurred, "earliest").asText()),
                    Instant.parse(Payloads.required(occurred, "latest").asText()), Instant.parse(Payloads.required(item, "recordedAt").asText()),
                    item.path("retracted").asBoolean(false));
        }
    }

    private record Current(int version, ObjectNode item) {
    }

    private Current current(String eventId) {
        DevelopmentForms.Form form = forms.current(eventId)
                .orElseThrow(() -> new IllegalStateException("no development '" + eventId + "' to amend"));
        return new Current(form.version(), form.item());
    }
}
