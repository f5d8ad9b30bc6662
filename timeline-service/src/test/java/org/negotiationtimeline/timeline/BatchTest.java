package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Many developments of one negotiation in one request and one transaction: all stored, or none.
 * One batch of 16 (the last without an eventId) is recorded for the tests that read its outcome.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchTest extends ServiceTestBase {

    private static final int ITEMS = 16;

    private String nid;
    private String body;
    private HttpResponse<String> response;

    @BeforeAll
    void aStoredBatch() throws Exception {
        nid = newNegotiation();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < ITEMS - 1; i++) {
            items.add(parisSummit("batch-" + nid + "-" + i));
        }
        items.add(parisSummit(null)); // no eventId: the server picks one, as for a single request
        body = batch(items);
        response = post("/api/negotiations/" + nid + "/events/batch", TOKEN, body);
    }

    private JsonNode answers() throws Exception {
        return body(response).get("events");
    }

    @Test
    void a_batch_may_be_larger_than_a_single_request_may() {
        assertThat(body.length()).as("over the single-request limit, within the batch's own").isGreaterThan(MAX_BODY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void each_item_is_answered_in_order_with_its_sequence() throws Exception {
        assertThat(answers()).hasSize(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            assertThat(answers().get(i).get("sequence").asLong()).isEqualTo(BASELINE + i);
            assertThat(answers().get(i).get("replayed").asBoolean()).isFalse();
            if (i < ITEMS - 1) {
                assertThat(answers().get(i).get("eventId").asText()).isEqualTo("batch-" + nid + "-" + i);
            }
        }
    }

    @Test
    void an_item_without_an_event_id_gets_one_from_the_server() throws Exception {
        assertThat(answers().get(ITEMS - 1).get("eventId").asText()).isNotBlank();
    }

    @Test
    void every_item_is_stored_and_indexed() {
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + ITEMS);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_index WHERE negotiation_id = ?", Long.class, nid))
                .as("every id indexed").isEqualTo(ITEMS);
    }

    @Test
    void the_items_are_published_in_order_and_match_the_schema() throws Exception {
        List<ConsumerRecord<String, byte[]>> records = awaitRecords(nid, BASELINE + ITEMS);

        for (int i = 0; i < ITEMS; i++) {
            ConsumerRecord<String, byte[]> record = records.get((int) BASELINE + i);
            assertThat(header(record, "ce_type")).isEqualTo("org.negotiationtimeline.DevelopmentRecorded");
            assertThat(header(record, "ce_sequence")).isEqualTo(Long.toString(BASELINE + i));
            assertThat(JSON.readTree(record.value()).get("eventId").asText()).isEqualTo(answers().get(i).get("eventId").asText());
            assertThat(PublishedSchemas.violations(record)).isEmpty();
        }
    }

    @Test
    void an_id_repeated_within_a_batch_or_stored_before_is_a_replay() throws Exception {
        String other = newNegotiation();
        post("/api/negotiations/" + other + "/events", TOKEN, parisSummit("single-" + other));

        HttpResponse<String> first = post("/api/negotiations/" + other + "/events/batch", TOKEN, repeating(other));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode answers = body(first).get("events");
        assertThat(answers.findValuesAsText("sequence")).containsExactly("3", "2", "4", "3");
        assertThat(answers.findValuesAsText("replayed")).containsExactly("false", "true", "false", "true");
        assertThat(eventsStoredFor(other)).as("a repeat inside the batch is stored once").isEqualTo(BASELINE + 3);
    }

    @Test
    void a_repeated_batch_returns_the_first_answers_and_stores_nothing_new() throws Exception {
        String other = newNegotiation();
        post("/api/negotiations/" + other + "/events", TOKEN, parisSummit("single-" + other));
        post("/api/negotiations/" + other + "/events/batch", TOKEN, repeating(other));
        long stored = eventsStoredFor(other);

        HttpResponse<String> again = post("/api/negotiations/" + other + "/events/batch", TOKEN, repeating(other));

        assertThat(again.statusCode()).isEqualTo(201);
        JsonNode replayed = body(again).get("events");
        assertThat(replayed.findValuesAsText("sequence")).containsExactly("3", "2", "4", "3");
        assertThat(replayed.findValuesAsText("replayed")).containsOnly("true");
        assertThat(eventsStoredFor(other)).isEqualTo(stored);
    }

    /** Two new items, one stored before the batch, and the first item again. */
    private static String repeating(String nid) {
        return batch(List.of(parisSummit("r1-" + nid), parisSummit("single-" + nid), parisSummit("r2-" + nid),
                parisSummit("r1-" + nid)));
    }

    @Test
    void an_item_of_the_wrong_shape_is_named_by_its_position_and_nothing_is_stored() throws Exception {
        String other = newNegotiation();
        String badShape = batch(List.of(parisSummit("ok-1"), parisSummit("ok-2"),
                parisSummit("ok-3").replace("\"2026-01-06\", \"zone\"", "\"2026-02-30\", \"zone\"")));

        HttpResponse<String> shape = post("/api/negotiations/" + other + "/events/batch", TOKEN, badShape);

        assertThat(shape.statusCode()).isEqualTo(400);
        assertThat(body(shape).get("type").asText()).isEqualTo("urn:negotiation-timeline:problem:validation");
        assertThat(firstField(shape)).isEqualTo("events[2].occurred.value");
        assertThat(eventsStoredFor(other)).isEqualTo(BASELINE);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_index WHERE event_id LIKE 'ok-%'", Long.class)).isZero();
    }

    @Test
    void an_item_naming_an_unregistered_actor_is_named_by_its_position_and_nothing_is_stored() throws Exception {
        String other = newNegotiation();
        String unknownActor = batch(List.of(parisSummit("ok-4"), parisSummit("ok-5"),
                parisSummit("ok-6").replace("\"macron\"", "\"starmer\"")));

        HttpResponse<String> actor = post("/api/negotiations/" + other + "/events/batch", TOKEN, unknownActor);

        assertThat(actor.statusCode()).isEqualTo(400);
        assertThat(firstField(actor)).isEqualTo("events[2].actors[0].id");
        assertThat(eventsStoredFor(other)).isEqualTo(BASELINE);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_index WHERE event_id LIKE 'ok-%'", Long.class)).isZero();
    }

    @Test
    void an_id_taken_in_another_negotiation_refuses_the_whole_batch_and_leaves_no_trace() throws Exception {
        String taken = newNegotiation();
        String other = newNegotiation();
        post("/api/negotiations/" + taken + "/events", TOKEN, parisSummit("taken-" + taken));

        HttpResponse<String> refused = post("/api/negotiations/" + other + "/events/batch", TOKEN,
                batch(List.of(parisSummit("x1-" + other), parisSummit("taken-" + taken))));
        HttpResponse<String> next = post("/api/negotiations/" + other + "/events/batch", TOKEN,
                batch(List.of(parisSummit("x1-" + other))));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(next.statusCode()).isEqualTo(201);
        assertThat(body(next).at("/events/0/sequence").asLong())
                .as("the refused batch left no event in the cached negotiation").isEqualTo(BASELINE);
        assertThat(eventsStoredFor(other)).isEqualTo(BASELINE + 1);
    }

    @Test
    void a_batch_over_the_item_limit_is_a_problem_naming_events() throws Exception {
        String other = newNegotiation();
        List<String> items = new ArrayList<>();
        for (int i = 0; i <= BATCH_MAX_EVENTS; i++) {
            items.add(parisSummit("many-" + i));
        }

        HttpResponse<String> tooMany = post("/api/negotiations/" + other + "/events/batch", TOKEN, batch(items));

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(firstField(tooMany)).isEqualTo("events");
        assertThat(body(tooMany).get("detail").asText()).contains("at most " + BATCH_MAX_EVENTS);
        assertThat(eventsStoredFor(other)).isEqualTo(BASELINE);
    }

    @Test
    void an_empty_batch_is_a_problem_naming_events() throws Exception {
        String other = newNegotiation();

        HttpResponse<String> empty = post("/api/negotiations/" + other + "/events/batch", TOKEN, batch(List.of()));

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(firstField(empty)).isEqualTo("events");
        assertThat(eventsStoredFor(other)).isEqualTo(BASELINE);
    }

    @Test
    void a_batch_for_an_unknown_negotiation_is_not_found() throws Exception {
        HttpResponse<String> unknown = post("/api/negotiations/never-started/events/batch", TOKEN,
                batch(List.of(parisSummit("many-0"))));

        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void a_batch_over_its_own_body_limit_is_refused() throws Exception {
        String other = newNegotiation();
        String huge = parisSummit("big").replace("\"title\": \"", "\"summary\": \"" + "x".repeat(9_000) + "\", \"title\": \"");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            items.add(huge.replace("\"big\"", "\"big-" + i + "\""));
        }

        HttpResponse<String> response = post("/api/negotiations/" + other + "/events/batch", TOKEN, batch(items));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(body(response).get("detail").asText()).contains(Long.toString(BATCH_MAX_BODY));
        assertThat(eventsStoredFor(other)).isEqualTo(BASELINE);
    }
}
