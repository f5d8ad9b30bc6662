package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Recording one development: ids, idempotency, the cached aggregate, stored revisions. An event id
 * is unique across negotiations, and the service is shared by every test class: ids here carry the
 * negotiation id.
 */
class RecordingTest extends ServiceTestBase {

    @Autowired
    @Qualifier("negotiationCache")
    Cache negotiationCache;

    @Test
    void a_negotiation_stays_cached_between_commands() throws Exception {
        String nid = newNegotiation();

        assertThat(post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("cached-1-" + nid)).statusCode()).isEqualTo(201);

        assertThat(negotiationCache.containsKey(nid)).as("loaded once, then served from memory").isTrue();
    }

    @Test
    void a_refused_command_does_not_change_the_cached_copy() throws Exception {
        String nid = newNegotiation();
        assertThat(post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("cached-1-" + nid)).statusCode()).isEqualTo(201);
        String unknownActor = parisSummit("refused").replace("\"macron\"", "\"nobody-registered\"");
        assertThat(post("/api/negotiations/" + nid + "/events", TOKEN, unknownActor).statusCode()).isEqualTo(400);

        HttpResponse<String> next = post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("cached-2-" + nid));

        assertThat(next.statusCode()).isEqualTo(201);
        assertThat(body(next).get("sequence").asLong()).as("no gap, no stale copy").isEqualTo(3);
    }

    @Test
    void a_repeated_event_id_with_the_same_body_returns_the_first_answer() throws Exception {
        String nid = newNegotiation();
        HttpResponse<String> first = post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("summit-" + nid));
        // The same content with keys in another order and extra whitespace is the same body.
        Map<String, Object> reordered = new TreeMap<>(Comparator.reverseOrder());
        reordered.putAll(JSON.readValue(parisSummit("summit-" + nid), Map.class));

        HttpResponse<String> again = post("/api/negotiations/" + nid + "/events", TOKEN,
                "  " + JSON.writeValueAsString(reordered) + "\n");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(body(again)).isEqualTo(body(first));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + 1);
    }

    @Test
    void a_repeated_event_id_with_another_body_is_a_conflict_that_stores_nothing() throws Exception {
        String nid = newNegotiation();
        post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("summit-" + nid));

        HttpResponse<String> changed = post("/api/negotiations/" + nid + "/events", TOKEN,
                parisSummit("summit-" + nid).replace("Coalition of the Willing", "Coalition"));

        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(changed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + 1);
    }

    @Test
    void an_idempotency_key_header_stands_in_for_the_event_id() throws Exception {
        String nid = newNegotiation();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/negotiations/" + nid + "/events"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .header("Idempotency-Key", "client-key-1").POST(HttpRequest.BodyPublishers.ofString(parisSummit(null)));

        HttpResponse<String> first = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(body(first).get("eventId").asText()).isEqualTo("client-key-1");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(eventsStoredFor(nid)).isEqualTo(3);
    }

    @Test
    void an_event_id_belongs_to_one_negotiation_only() throws Exception {
        String first = newNegotiation();
        String second = newNegotiation();
        String eventId = "shared-" + first;

        HttpResponse<String> inFirst = post("/api/negotiations/" + first + "/events", TOKEN, parisSummit(eventId));
        HttpResponse<String> inSecond = post("/api/negotiations/" + second + "/events", TOKEN, parisSummit(eventId));

        assertThat(inFirst.statusCode()).isEqualTo(201);
        assertThat(inSecond.statusCode()).isEqualTo(409);
        assertThat(eventsStoredFor(second)).isEqualTo(BASELINE);
    }

    @Test
    void an_event_stored_at_revision_1_is_upcast_when_its_negotiation_is_loaded() throws Exception {
        String nid = newNegotiation();
        String body = parisSummit("old-" + nid);
        HttpResponse<String> first = post("/api/negotiations/" + nid + "/events", TOKEN, body);
        // Put the stored event back into its revision-1 shape, as an older version wrote it.
        Map<String, Object> row = jdbc.queryForMap("SELECT global_index, payload FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%DevelopmentRecorded'", nid);
        String revision1 = new String((byte[]) row.get("PAYLOAD"), StandardCharsets.UTF_8)
                .replace("\"requestFingerprint\"", "\"contentFingerprint\"");
        assertThat(revision1).contains("contentFingerprint");
        jdbc.update("UPDATE domain_event_entry SET payload = ?, payload_revision = '1' WHERE global_index = ?",
                revision1.getBytes(StandardCharsets.UTF_8), row.get("GLOBAL_INDEX"));

        HttpResponse<String> repeated = post("/api/negotiations/" + nid + "/events", TOKEN, body);

        assertThat(repeated.statusCode()).as(repeated.body()).isEqualTo(201);
        assertThat(repeated.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(repeated.body()).isEqualTo(first.body());
    }

    @Test
    void an_unknown_negotiation_is_not_found() throws Exception {
        HttpResponse<String> response = post("/api/negotiations/never-started/events", TOKEN, parisSummit("a"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response).get("detail").asText()).contains("never-started");
        assertThat(eventsStoredFor("never-started")).isZero();
    }

    @Test
    void a_negotiation_id_can_be_taken_once() throws Exception {
        String nid = newNegotiation();

        HttpResponse<String> again = post("/api/negotiations", TOKEN, "{\"id\": \"" + nid + "\", \"title\": \"Again\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }
}
