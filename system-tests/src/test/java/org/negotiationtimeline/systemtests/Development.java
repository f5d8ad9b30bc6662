package org.negotiationtimeline.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A development to post to {@code POST /api/negotiations/{nid}/events}, written as a sentence:
 * <pre>{@code
 * development().meeting().in("ukraine-peace-2025")
 *         .occurred("2026-01-06").zone("Europe/Paris")
 *         .titled("Coalition of the Willing meets in Paris")
 *         .with("france", "ukraine")           // registered actors
 *         .reportedBy("Reuters")
 * }</pre>
 * Immutable: every step returns a new value, so a base development can be varied safely
 * ({@code base.titled("something else")} is "the same id with a different body").
 */
record Development(String negotiationId, String eventId, String type, String occurredValue, String occurredText,
                   String zone, String title, String summary, List<String> topics, List<Actor> actors,
                   List<String> outlets) {

    /** A registered actor's id and its role in this development. */
    record Actor(String id, String role) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    Development {
        topics = List.copyOf(topics);
        actors = List.copyOf(actors);
        outlets = List.copyOf(outlets);
    }

    static Development development() {
        return new Development(null, null, "OTHER", null, null, null, null, null, List.of(), List.of(), List.of());
    }

    Development in(String negotiation) {
        return new Development(negotiation, eventId, type, occurredValue, occurredText, zone, title, summary, topics, actors, outlets);
    }

    Development withEventId(String id) {
        return new Development(negotiationId, id, type, occurredValue, occurredText, zone, title, summary, topics, actors, outlets);
    }

    Development ofType(String developmentType) {
        return new Development(negotiationId, eventId, developmentType, occurredValue, occurredText, zone, title, summary, topics, actors, outlets);
    }

    Development meeting() {
        return ofType("MEETING");
    }

    Development statement() {
        return ofType("STATEMENT");
    }

    Development report() {
        return ofType("REPORT");
    }

    /** The EDTF value: {@code 2026-01-06}, {@code 2026-01-03/2026-01-04}, {@code 2025-11}, … */
    Development occurred(String edtf) {
        return new Development(negotiationId, eventId, type, edtf, occurredText, zone, title, summary, topics, actors, outlets);
    }

    /** The source's own words for when it happened: "the weekend". */
    Development described(String text) {
        return new Development(negotiationId, eventId, type, occurredValue, text, zone, title, summary, topics, actors, outlets);
    }

    /** The IANA zone the occurred value is read in. */
    Development zone(String ianaZone) {
        return new Development(negotiationId, eventId, type, occurredValue, occurredText, ianaZone, title, summary, topics, actors, outlets);
    }

    Development titled(String text) {
        return new Development(negotiationId, eventId, type, occurredValue, occurredText, zone, text, summary, topics, actors, outlets);
    }

    Development summarised(String text) {
        return new Development(negotiationId, eventId, type, occurredValue, occurredText, zone, title, text, topics, actors, outlets);
    }

    Development about(String... topicSlugs) {
        List<String> all = new ArrayList<>(topics);
        all.addAll(List.of(topicSlugs));
        return new Development(negotiationId, eventId, type, occurredValue, occurredText, zone, title, summary, all, actors, outlets);
    }

    /** Registered actors taking part (role PARTICIPANT). */
    Development with(String... participantIds) {
        Development result = this;
        for (String id : participantIds) {
            result = result.actor(id, "PARTICIPANT");
        }
        return result;
    }

    /** The registered actor who speaks (role SPEAKER): what a STATEMENT needs. */
    Development spokenBy(String speakerId) {
        return actor(speakerId, "SPEAKER");
    }

    Development actor(String id, String role) {
        List<Actor> all = new ArrayList<>(actors);
        all.add(new Actor(id, role));
        return new Development(negotiationId, eventId, type, occurredValue, occurredText, zone, title, summary, topics, all, outlets);
    }

    Development reportedBy(String outlet) {
        List<String> all = new ArrayList<>(outlets);
        all.add(outlet);
        return new Development(negotiationId, eventId, type, occurredValue, occurredText, zone, title, summary, topics, actors, all);
    }

    String path() {
        return "/api/negotiations/" + Objects.requireNonNull(negotiationId, "say in(...) which negotiation") + "/events";
    }

    /** The request body, exactly as posted. */
    ObjectNode body() {
        ObjectNode body = JSON.createObjectNode();
        if (eventId != null) {
            body.put("eventId", eventId);
        }
        body.put("type", type);
        ObjectNode occurred = body.putObject("occurred");
        occurred.put("value", occurredValue);
        if (occurredText != null) {
            occurred.put("text", occurredText);
        }
        if (zone != null) {
            occurred.put("zone", zone);
        }
        body.put("title", title);
        if (summary != null) {
            body.put("summary", summary);
        }
        ArrayNode actorArray = body.putArray("actors");
        actors.forEach(actor -> actorArray.addObject().put("id", actor.id()).put("role", actor.role()));
        ArrayNode topicArray = body.putArray("topics");
        topics.forEach(topicArray::add);
        ArrayNode sourceArray = body.putArray("sources");
        outlets.forEach(outlet -> sourceArray.addObject().put("outlet", outlet));
        return body;
    }
}
