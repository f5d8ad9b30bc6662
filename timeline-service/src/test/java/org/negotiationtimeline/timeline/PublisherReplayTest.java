package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code POST /actuator/publisher/replay} publishes every stored event again, in order per
 * negotiation, with the same message ids and sequences: consumers recognise each as a
 * re-delivery. It needs the write token, and the endpoint's write access turned on.
 */
@TestPropertySource(properties = "management.endpoint.publisher.access=unrestricted")
class PublisherReplayTest extends ServiceTestBase {

    @Test
    void a_replay_puts_every_stored_event_on_the_topic_again_in_the_same_order() throws Exception {
        String nid = newNegotiation();
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("replayed-" + i + "-" + nid)).statusCode())
                    .isEqualTo(201);
        }
        long stored = eventsStoredFor(nid);
        List<ConsumerRecord<String, byte[]>> first = awaitRecords(nid, stored);

        HttpResponse<String> refused = post("/actuator/publisher/replay", null, "");
        assertThat(refused.statusCode()).as("without the write token").isEqualTo(401);

        HttpResponse<String> replay = post("/actuator/publisher/replay", TOKEN, "");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(body(replay).path("replay").asText()).isEqualTo("started");

        List<ConsumerRecord<String, byte[]>> all = awaitRecords(nid, 2 * stored);
        List<ConsumerRecord<String, byte[]>> again = all.subList((int) stored, all.size());
        for (int i = 0; i < stored; i++) {
            assertThat(header(again.get(i), "ce_id")).isEqualTo(header(first.get(i), "ce_id"));
            assertThat(header(again.get(i), "ce_sequence")).isEqualTo(Integer.toString(i));
            assertThat(again.get(i).value()).isEqualTo(first.get(i).value());
        }
        assertThat(eventsStoredFor(nid)).as("the store is read, not written").isEqualTo(stored);

        // Writes go on after a replay, published once.
        assertThat(post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("after-" + nid)).statusCode()).isEqualTo(201);
        assertThat(awaitRecords(nid, 2 * stored + 1)).hasSize((int) (2 * stored + 1));
    }

    @Test
    void the_status_shows_the_publishers_segments_and_an_unknown_action_is_a_404() throws Exception {
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(uri("/actuator/publisher")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(body(status).path("processor").asText()).isEqualTo("kafka-publisher");
        assertThat(body(status).path("running").asBoolean()).isTrue();
        assertThat(body(status).path("segments").size()).isEqualTo(4);

        assertThat(post("/actuator/publisher/rewind", TOKEN, "").statusCode()).isEqualTo(404);
    }
}
