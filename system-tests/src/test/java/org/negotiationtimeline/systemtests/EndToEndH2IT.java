package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.systemtests.Development.development;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.negotiationtimeline.systemtests.TimelineSystem.Recorded;

/**
 * Both services on their embedded defaults: H2 files under a fresh data directory and the Kafka
 * broker embedded in timeline-service. The restart test runs last (after the inherited main path),
 * so that the views it checks hold what every other test recorded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndH2IT extends EndToEndScenarios {

    @Override
    protected Storage storage() {
        return Storage.h2();
    }

    @Test
    @Order(1)
    void aWriteWithoutTheTokenIsRefusedWithAProblemAndStoresNothing() {
        String nid = "unauthorised-writes";
        system.startNegotiation(nid, "Writes without the token");
        Development forged = development().report().in(nid).withEventId("forged-report")
                .occurred("2026-01-07").titled("A report nobody authorised").reportedBy("Nobody");

        for (Reply refused : List.of(system.anonymously().attemptToRecord(forged),
                system.withToken("not-the-token").attemptToRecord(forged))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("status").asInt()).isEqualTo(401);
            assertThat(refused.json().path("type").asText()).isEqualTo("urn:negotiation-timeline:problem:unauthorized");
            assertThat(refused.json().path("title").asText()).isNotBlank();
            assertThat(refused.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }

        Recorded genuine = system.record(development().report().in(nid).withEventId("genuine-report")
                .occurred("2026-01-08").titled("A report recorded with the token").reportedBy("Reuters"));
        assertThat(genuine.sequence()).as("the refused writes took no place in the stream").isEqualTo(1);

        // The genuine event comes after the refused ones on the same partition: once it shows, a
        // stored forged one would have shown too.
        system.awaitInTimeline(nid, genuine.eventId());
        assertThat(eventIds(system.timelineOf(nid))).containsExactly("genuine-report");
        assertThat(system.negotiation(nid).path("developmentCount").asLong()).isEqualTo(1);
    }

    /**
     * The packaged service's security chain, on spellings of a write path that the old filter let
     * through without the token (the in-process WriteAccessTest has the whole table).
     */
    @Test
    @Order(1)
    void noSpellingOfAWritePathIsServedWithoutTheTokenByThePackagedService() {
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put("spelled-canonically", "/api/negotiations");
        spellings.put("spelled-with-a-path-parameter", "/api;x=1/negotiations");
        spellings.put("spelled-with-a-trailing-parameter", "/api/negotiations;x=1");
        spellings.put("spelled-with-a-double-slash", "//api/negotiations");
        spellings.put("spelled-percent-encoded", "/%61pi/negotiations");
        spellings.put("spelled-with-a-dot-segment", "/api/./negotiations");
        spellings.put("spelled-with-a-dot-dot-segment", "/x/../api/negotiations");
        spellings.put("spelled-with-an-encoded-slash", "/api%2fnegotiations");
        spellings.put("spelled-in-upper-case", "/API/NEGOTIATIONS");
        spellings.put("spelled-with-a-trailing-slash", "/api/negotiations/");
        for (Map.Entry<String, String> spelling : spellings.entrySet()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", spelling.getKey()).put("title", "Not stored");
            Reply refused = system.anonymously().post(spelling.getValue(), body);
            assertThat(refused.status()).as(refused.toString()).isIn(400, 401, 404, 405);
            assertThat(refused.contentType()).as(refused.toString()).startsWith("application/problem+json");
        }
        for (String id : spellings.keySet()) {
            // 201, not 409: none of the refused requests stored its negotiation.
            system.startNegotiation(id, "Stored with the token");
        }
    }

    /**
     * The hostile bodies and queries that once stored something, answered 500 or ran the service out
     * of memory, sent to the packaged services (384 MB heaps): each is a 4xx problem, nothing is
     * stored, and both services go on answering (the in-process HostileInputTest and QueryBoundsTest
     * have the whole corpus).
     */
    @Test
    @Order(1)
    void hostileInputIsRefusedByThePackagedServicesAndStoresNothing() {
        String nid = "hostile-input";
        system.startNegotiation(nid, "Hostile input");
        String development = "{\"eventId\": \"%s\", \"type\": \"REPORT\", \"occurred\": {\"value\": \"2026-01-06\"}, "
                + "\"title\": %s, \"sources\": [{\"outlet\": \"Reuters\"}]}";
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            items.append(i == 0 ? "" : ",").append(development.formatted("item-" + i, "\"An item\""));
        }
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("trailing tokens", development.formatted("trailing", "\"t\"") + " garbage");
        bodies.put("a key given twice", development.formatted("twice", "\"a\", \"title\": \"b\""));
        bodies.put("a NUL in a title", development.formatted("nul", "\"a\\u0000b\""));
        bodies.put("a right-to-left override", development.formatted("rlo", "\"a\\u202eb\""));
        bodies.put("a number for a string", development.formatted("number", "12"));
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            Reply refused = system.writer().post("/api/negotiations/" + nid + "/events", body.getValue());
            assertThat(refused.status()).as(body.getKey() + ": " + refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        Reply batch = system.writer().post("/api/negotiations/" + nid + "/events/batch", "{\"events\": [" + items + "]}");
        assertThat(batch.status()).as("100,000 items (%d MB): %s", items.length() >> 20, batch).isEqualTo(400);
        assertThat(batch.json().at("/errors/0/field").asText()).isEqualTo("events");

        for (String query : List.of("/api/negotiations/" + nid + "/timeline?typ=MEETING",
                "/api/negotiations/" + nid + "/state?at=10000-01-01", "/api/negotiations/" + nid + "/timeline?limit=501")) {
            Reply refused = system.get(query);
            assertThat(refused.status()).as(query + ": " + refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }

        Recorded genuine = system.record(development().report().in(nid).withEventId("hostile-input-genuine")
                .occurred("2026-01-08").titled("Recorded after the refusals").reportedBy("Reuters"));
        assertThat(genuine.sequence()).as("nothing refused took a place in the stream").isEqualTo(1);
        system.awaitInTimeline(nid, genuine.eventId());
    }

    @Test
    @Order(2)
    void aRepeatedEventIdIsAnsweredWithTheFirstResultAndADifferentBodyUnderItIsAConflict() {
        String nid = "idempotent-writes";
        system.startNegotiation(nid, "Retried writes");
        system.registerActor(nid, "macron", "Emmanuel Macron", "PERSON");
        Development declaration = development().statement().in(nid).withEventId("reuters-2026-01-06-paris-declaration")
                .occurred("2026-01-06").zone("Europe/Paris")
                .titled("Paris declaration adopted").spokenBy("macron").reportedBy("Reuters");

        Recorded first = system.record(declaration);
        Recorded repeated = system.record(declaration);
        assertThat(repeated).as("the first result, again").isEqualTo(first);

        Reply conflicting = system.attemptToRecord(declaration.titled("Paris declaration rejected"));
        assertThat(conflicting.status()).as(conflicting.toString()).isEqualTo(409);
        assertThat(conflicting.contentType()).startsWith("application/problem+json");
        assertThat(conflicting.json().path("type").asText()).isEqualTo("urn:negotiation-timeline:problem:conflict");

        Recorded later = system.record(development().report().in(nid).withEventId("later-report")
                .occurred("2026-01-09").titled("Reaction to the declaration").reportedBy("AP"));
        assertThat(later.sequence()).as("neither the repeat nor the conflict stored anything").isEqualTo(first.sequence() + 1);

        system.awaitInTimeline(nid, later.eventId());
        List<JsonNode> timeline = system.timelineOf(nid);
        assertThat(eventIds(timeline)).containsExactly(first.eventId(), later.eventId());
        assertThat(timeline.get(0).path("title").asText()).isEqualTo("Paris declaration adopted");
        assertThat(system.negotiation(nid).path("developmentCount").asLong()).isEqualTo(2);
    }

    /**
     * {@code POST /actuator/publisher/replay} publishes every stored event again; the views skip
     * each re-publication, so they answer exactly as before, and new writes still arrive.
     */
    @Test
    @Order(3)
    void replayingTheTopicFromTheEventStoreLeavesTheViewsUnchanged() throws Exception {
        String nid = "replayed-topic";
        system.startNegotiation(nid, "A topic published twice");
        Recorded last = null;
        for (int i = 1; i <= 3; i++) {
            last = system.record(development().report().in(nid).withEventId("replayed-" + i)
                    .occurred("2026-01-0" + i).titled("Report " + i).reportedBy("Reuters"));
        }
        String applied = "?waitFor=" + nid + ":" + last.sequence();
        List<JsonNode> timelineBefore = elements(system.get("/api/negotiations/" + nid + "/timeline" + applied)
                .expectStatus(200).json());
        assertThat(eventIds(timelineBefore)).containsExactly("replayed-1", "replayed-2", "replayed-3");
        JsonNode negotiationBefore = system.get("/api/negotiations/" + nid + applied).expectStatus(200).json();
        long published = system.recordsOnTopic(nid);
        assertThat(published).isEqualTo(last.sequence() + 1);

        Reply replay = system.writer().post("/actuator/publisher/replay", "");
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        system.eventually().alias("every event of " + nid + " published again")
                .until(() -> system.recordsOnTopic(nid), count -> count == 2 * published);

        // A write after the replay lands behind the re-published events of its negotiation: once it shows, they were consumed.
        Recorded after = system.record(development().report().in(nid).withEventId("after-replay")
                .occurred("2026-01-09").titled("After the replay").reportedBy("AP"));
        List<JsonNode> timelineAfter = elements(system.get("/api/negotiations/" + nid + "/timeline?waitFor=" + nid + ":"
                + after.sequence()).expectStatus(200).json());
        assertThat(timelineAfter.subList(0, timelineBefore.size())).isEqualTo(timelineBefore);
        assertThat(eventIds(timelineAfter)).containsExactly("replayed-1", "replayed-2", "replayed-3", "after-replay");
        assertThat(system.negotiation(nid).path("developmentCount").asLong())
                .isEqualTo(negotiationBefore.path("developmentCount").asLong() + 1);
        assertThat(system.get("/actuator/deadletters").expectStatus(200).json().path("deadLetters")).as("no conflict").isEmpty();
        assertThat(system.projectionService().healthy()).isTrue();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void afterProjectionServiceRestartsNothingIsDuplicatedAndNewEventsStillArrive() throws Exception {
        String nid = "projection-restart";
        system.startNegotiation(nid, "Views that survive a restart");
        Recorded first = system.record(development().meeting().in(nid)
                .occurred("2025-11").titled("US 28-point plan circulated").reportedBy("Axios"));
        Recorded second = system.record(development().meeting().in(nid)
                .occurred("2025-12").titled("20-point framework").reportedBy("Reuters"));
        system.awaitInTimeline(nid, first.eventId());
        system.awaitInTimeline(nid, second.eventId());
        List<JsonNode> negotiationsBefore = system.negotiations();
        List<JsonNode> timelineBefore = system.timelineOf(nid);

        system.restartProjection();

        assertThat(system.negotiations()).as("the views as they were").isEqualTo(negotiationsBefore);
        assertThat(system.timelineOf(nid)).isEqualTo(timelineBefore);

        Recorded third = system.record(development().meeting().in(nid)
                .occurred("2026-01-06").zone("Europe/Paris").titled("Paris draft joint statement").reportedBy("Le Monde"));
        system.awaitInTimeline(nid, third.eventId());

        List<JsonNode> timelineAfter = system.timelineOf(nid);
        assertThat(eventIds(timelineAfter)).containsExactly(first.eventId(), second.eventId(), third.eventId());
        assertThat(timelineAfter.subList(0, 2)).isEqualTo(timelineBefore);
        for (JsonNode before : negotiationsBefore) {
            String id = before.path("id").asText();
            JsonNode after = system.negotiation(id);
            if (id.equals(nid)) {
                assertThat(after.path("developmentCount").asLong()).isEqualTo(3);
            } else {
                assertThat(after).as("negotiation " + id + " after the restart").isEqualTo(before);
            }
        }
        assertThat(system.negotiations()).hasSameSizeAs(negotiationsBefore);
        // Re-applying an event would break a view's primary key and turn the consumer's health DOWN.
        assertThat(system.projectionService().healthy()).as("projection-service healthy").isTrue();
    }
}
