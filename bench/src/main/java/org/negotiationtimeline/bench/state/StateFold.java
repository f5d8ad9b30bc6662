package org.negotiationtimeline.bench.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.negotiationtimeline.projection.consuming.TimelineMessage;

/**
 * The state of the deal at {@code at} as known at {@code knownAt}, answered without a view: by
 * folding the negotiation's events, held in memory, up to {@code knownAt} and then sorting out what
 * had happened by {@code at} (the rules of docs/queries.md). The baseline the view's lookup is
 * measured against, and the reference it is checked against.
 *
 * <p>The events are taken "already parsed": the constructor turns the messages into typed events
 * once (ids, types and the occurred bounds as {@link Instant}s; the rest stays JSON), as an
 * event-sourced application holds its deserialized events. A query then does only the fold: walk
 * the events in recording order until one was recorded after {@code knownAt} (a stream is
 * recorded in order, checked here), keep each development's form, and drop the retracted ones;
 * then split by {@code at} into happened and uncertain, sort them latest first, and build the
 * same answer {@code StateQueries} builds — the page of developments, uncertain ones, claims side
 * by side, the latest position per holder and question, each document's version on the table with
 * its provisions' statuses. It is written plainly, without indexes of its own: linear in the events
 * recorded by {@code knownAt}, plus the sort of what happened by {@code at}.
 */
public final class StateFold {

    /** Payload fields that are not part of a timeline item (as projection-service drops them). */
    private static final Set<String> INTERNAL = Set.of("negotiationId", "contentFingerprint", "requestFingerprint");
    /** Fields a correction may set (docs/schemas/DevelopmentCorrected-2.json). */
    private static final List<String> CORRECTABLE = List.of("type", "occurred", "title", "summary", "actors", "topics",
            "location", "quote", "position", "sanctions", "appointment", "claims");

    private static final Comparator<Form> LATEST_FIRST = Comparator.comparing((Form f) -> f.latest).reversed()
            .thenComparing(Comparator.comparing((Form f) -> f.earliest).reversed())
            .thenComparing(Comparator.comparing((Form f) -> f.recorded.recordedAt()).reversed())
            .thenComparing(f -> f.recorded.eventId());

    private interface Event {
        Instant recordedAt();
    }

    private record Recorded(Instant recordedAt, String eventId, String type, Instant earliest, Instant latest,
                            JsonNode data) implements Event {
    }

    /** {@code earliest}/{@code latest} are null when the correction does not move the development. */
    private record Corrected(Instant recordedAt, String eventId, JsonNode set, Instant earliest, Instant latest)
            implements Event {
    }

    private record Retracted(Instant recordedAt, String eventId) implements Event {
    }

    private record DocumentCreated(Instant recordedAt, String documentId) implements Event {
    }

    private record VersionAdded(Instant recordedAt, String documentId, int version, Instant latest, JsonNode data)
            implements Event {
    }

    private record StatusReported(Instant recordedAt, String documentId, String provisionId, Instant latest,
                                  JsonNode data) implements Event {
    }

    private final String negotiationId;
    private final ObjectMapper json;
    private final List<Event> events;

    /**
     * @param messages the negotiation's messages in stream order (other negotiations' and unknown
     *                 types are skipped)
     */
    public StateFold(String negotiationId, List<TimelineMessage> messages, ObjectMapper json) {
        this.negotiationId = negotiationId;
        this.json = json;
        List<Event> typed = new ArrayList<>();
        Instant last = Instant.MIN;
        for (TimelineMessage message : messages) {
            if (!negotiationId.equals(message.negotiationId())) {
                continue;
            }
            Event event = typed(message);
            if (event == null) {
                continue;
            }
            if (event.recordedAt().isBefore(last)) {
                throw new IllegalArgumentException("events not in recording order at " + message.type() + " #"
                        + message.sequence() + ": the fold stops at the first one recorded after knownAt");
            }
            last = event.recordedAt();
            typed.add(event);
        }
        this.events = List.copyOf(typed);
    }

    private static Event typed(TimelineMessage message) {
        JsonNode data = message.data();
        Instant at = message.recordedAt();
        return switch (message.type()) {
            case "DevelopmentRecorded" -> {
                JsonNode occurred = Payloads.required(data, "occurred");
                yield new Recorded(at, text(data, "eventId"), text(data, "type"), instant(occurred, "earliest"),
                        instant(occurred, "latest"), data);
            }
            case "DevelopmentCorrected" -> {
                JsonNode set = Payloads.required(data, "set");
                JsonNode occurred = set.get("occurred");
                yield new Corrected(at, text(data, "eventId"), set, occurred == null ? null : instant(occurred, "earliest"),
                        occurred == null ? null : instant(occurred, "latest"));
            }
            case "DevelopmentRetracted" -> new Retracted(at, text(data, "eventId"));
            case "DocumentCreated" -> new DocumentCreated(at, text(data, "documentId"));
            case "VersionAdded" -> new VersionAdded(at, text(data, "documentId"), Payloads.required(data, "version").asInt(),
                    instant(Payloads.required(data, "occurred"), "latest"), data);
            case "ProvisionStatusChanged" -> new StatusReported(at, text(data, "documentId"), text(data, "provisionId"),
                    instant(Payloads.required(data, "occurred"), "latest"), data);
            default -> null;
        };
    }

    /** A development as known at the fold's {@code knownAt}. */
    private static final class Form {
        final Recorded recorded;
        /** What corrections set, the latest value of each field; null while uncorrected. */
        ObjectNode overrides;
        String type;
        Instant earliest;
        Instant latest;
        boolean retracted;

        Form(Recorded recorded) {
            this.recorded = recorded;
            this.type = recorded.type();
            this.earliest = recorded.earliest();
            this.latest = recorded.latest();
        }

        JsonNode field(String name) {
            JsonNode corrected = overrides == null ? null : overrides.get(name);
            return corrected != null ? corrected : recorded.data().get(name);
        }
    }

    private static final class Document {
        boolean created;
        final List<VersionAdded> versions = new ArrayList<>();
        final List<StatusReported> statuses = new ArrayList<>();
    }

    public int eventCount() {
        return events.size();
    }

    /** The state, in the shape of {@code StateQueries.state} (docs/api.md). */
    public ObjectNode state(Instant at, Instant knownAt, int limit, int offset) {
        Map<String, Form> forms = new HashMap<>();
        Map<String, Document> documents = new TreeMap<>();
        for (Event event : events) {
            if (event.recordedAt().isAfter(knownAt)) {
                break; // Recorded in order: nothing later was known at knownAt.
            }
            if (event instanceof Recorded recorded) {
                forms.put(recorded.eventId(), new Form(recorded));
            } else if (event instanceof Corrected corrected) {
                Form form = forms.get(corrected.eventId());
                if (form == null) {
                    throw new IllegalStateException("a correction of unknown development " + corrected.eventId());
                }
                correct(form, corrected);
            } else if (event instanceof Retracted retracted) {
                Form form = forms.get(retracted.eventId());
                if (form == null) {
                    throw new IllegalStateException("a retraction of unknown development " + retracted.eventId());
                }
                form.retracted = true;
            } else if (event instanceof DocumentCreated created) {
                documents.computeIfAbsent(created.documentId(), id -> new Document()).created = true;
            } else if (event instanceof VersionAdded version) {
                documents.computeIfAbsent(version.documentId(), id -> new Document()).versions.add(version);
            } else if (event instanceof StatusReported status) {
                documents.computeIfAbsent(status.documentId(), id -> new Document()).statuses.add(status);
            }
        }

        List<Form> happened = new ArrayList<>();
        List<Form> uncertain = new ArrayList<>();
        for (Form form : forms.values()) {
            if (form.retracted || form.earliest.isAfter(at)) {
                continue;
            }
            (form.latest.isAfter(at) ? uncertain : happened).add(form);
        }
        happened.sort(LATEST_FIRST);
        uncertain.sort(LATEST_FIRST);

        ObjectNode state = json.createObjectNode();
        state.put("negotiationId", negotiationId);
        state.put("at", at.toString());
        state.put("knownAt", knownAt.toString());
        state.set("documents", documents(documents, at));
        state.set("claims", claims(happened));
        state.set("positions", positions(happened));
        ArrayNode page = state.putArray("developments");
        for (int i = offset; i < Math.min(offset + limit, happened.size()); i++) {
            page.add(item(happened.get(i)));
        }
        ArrayNode uncertainItems = state.putArray("uncertain");
        uncertain.forEach(form -> uncertainItems.add(item(form)));
        state.putObject("page").put("offset", offset).put("limit", limit).put("hasMore", happened.size() > offset + limit);
        return state;
    }

    private static void correct(Form form, Corrected corrected) {
        if (form.overrides == null) {
            form.overrides = JsonNodeFactory.instance.objectNode();
        }
        for (String field : CORRECTABLE) {
            if (corrected.set().hasNonNull(field)) {
                form.overrides.set(field, corrected.set().get(field));
            }
        }
        if (corrected.set().hasNonNull("type")) {
            form.type = corrected.set().get("type").asText();
        }
        if (corrected.earliest() != null) {
            form.earliest = corrected.earliest();
            form.latest = corrected.latest();
        }
    }

    /** Claims of what happened, per subject, oldest first: every source's value side by side. */
    private ArrayNode claims(List<Form> happened) {
        Map<String, ArrayNode> bySubject = new TreeMap<>();
        for (int i = happened.size() - 1; i >= 0; i--) {
            Form form = happened.get(i);
            JsonNode claims = form.field("claims");
            if (claims == null) {
                continue;
            }
            for (JsonNode claim : claims) {
                ObjectNode value = bySubject.computeIfAbsent(claim.get("subject").asText(), s -> json.createArrayNode())
                        .addObject();
                value.set("value", claim.get("value"));
                value.set("sources", form.field("sources"));
                value.put("eventId", form.recorded.eventId());
            }
        }
        ArrayNode result = json.createArrayNode();
        bySubject.forEach((subject, values) -> result.addObject().put("subject", subject).set("values", values));
        return result;
    }

    /** The latest POSITION that happened, per holder and question. */
    private ArrayNode positions(List<Form> happened) {
        Map<String, ObjectNode> held = new TreeMap<>();
        for (Form form : happened) { // latest first: the first one seen per key is the one held
            JsonNode position = form.field("position");
            if (position == null || !"POSITION".equals(form.type)) {
                continue;
            }
            String key = position.path("holder").asText() + "|" + position.path("on").asText();
            if (!held.containsKey(key)) {
                ObjectNode entry = position.deepCopy();
                entry.put("eventId", form.recorded.eventId());
                entry.set("occurred", form.field("occurred"));
                entry.set("sources", form.field("sources"));
                held.put(key, entry);
            }
        }
        ArrayNode result = json.createArrayNode();
        held.values().forEach(result::add);
        return result;
    }

    /** For each document recorded by knownAt: the version on the table at {@code at}, if any. */
    private ArrayNode documents(Map<String, Document> documents, Instant at) {
        ArrayNode result = json.createArrayNode();
        documents.forEach((documentId, document) -> {
            if (!document.created) {
                return;
            }
            VersionAdded current = null;
            for (VersionAdded version : document.versions) {
                if (!version.latest().isAfter(at) && (current == null || version.latest().isAfter(current.latest())
                        || (version.latest().equals(current.latest()) && version.version() > current.version()))) {
                    current = version;
                }
            }
            if (current == null) {
                return; // Not on the table yet at `at`.
            }
            JsonNode data = current.data();
            ObjectNode node = result.addObject();
            node.put("id", documentId);
            node.set("version", data.get("version"));
            node.set("label", data.get("label"));
            node.set("status", data.get("status"));
            node.set("textAvailable", data.get("textAvailable"));
            node.set("occurred", data.get("occurred"));
            ArrayNode provisions = node.putArray("provisions");
            for (JsonNode p : data.path("provisions")) {
                ObjectNode provision = provisions.addObject();
                provision.set("id", p.get("id"));
                provision.set("number", p.get("number"));
                provision.set("text", p.get("text"));
                provision.set("topics", p.get("topics"));
                provision.set("status", p.get("status"));
                StatusReported reported = latestStatus(document, p.get("id").asText(), at, current.latest());
                if (reported != null) {
                    provision.set("status", reported.data().get("status"));
                    provision.set("statusBy", reported.data().get("by"));
                    provision.set("statusSources", reported.data().get("sources"));
                }
            }
        });
        return result;
    }

    /** The most recent status reported by {@code at}, when not older than the version. */
    private static StatusReported latestStatus(Document document, String provisionId, Instant at, Instant versionLatest) {
        StatusReported latest = null;
        for (StatusReported status : document.statuses) {
            if (status.provisionId().equals(provisionId) && !status.latest().isAfter(at)
                    && !status.latest().isBefore(versionLatest)
                    && (latest == null || status.latest().isAfter(latest.latest())
                    || (status.latest().equals(latest.latest()) && status.recordedAt().isAfter(latest.recordedAt())))) {
                latest = status;
            }
        }
        return latest;
    }

    private ObjectNode item(Form form) {
        ObjectNode item = json.createObjectNode();
        for (Map.Entry<String, JsonNode> field : form.recorded.data().properties()) {
            if (!INTERNAL.contains(field.getKey())) {
                item.set(field.getKey(), field.getValue());
            }
        }
        if (form.overrides != null) {
            item.setAll(form.overrides);
        }
        item.put("recordedAt", form.recorded.recordedAt().toString());
        item.put("corrected", form.overrides != null);
        item.put("retracted", false);
        return item;
    }

    private static String text(JsonNode data, String field) {
        return Payloads.required(data, field).asText();
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(Payloads.required(node, field).asText());
    }
}
