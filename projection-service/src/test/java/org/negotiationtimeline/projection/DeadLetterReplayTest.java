package org.negotiationtimeline.projection;

import org.negotiationtimeline.projection.state.StateIndexes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.eventIds;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.negotiationtimeline.projection.consuming.Projection;
import org.negotiationtimeline.projection.consuming.ProjectionPipeline;
import org.negotiationtimeline.projection.consuming.ViewWriter;
import org.negotiationtimeline.projection.stream.StreamHub;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * {@code /actuator/deadletters}: parked records are listed, and a replay applies them again from the
 * topic through the normal path once the cause is gone (here: a projection that refused them, as a
 * bug an upgrade fixes would); one that still fails stays parked; a replayed one is applied once.
 */
@Import(DeadLetterReplayTest.Faults.class)
@TestPropertySource(properties = "management.endpoint.deadletters.access=unrestricted")
class DeadLetterReplayTest extends ProjectionServiceTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private Set<String> refusedEventIds;

    @TestConfiguration(proxyBeanMethods = false)
    static class Faults {
        @Bean
        Set<String> refusedEventIds() {
            return ConcurrentHashMap.newKeySet();
        }

        /** The service's pipeline behind a projection that refuses some events: first, so that nothing of them is written. */
        @Bean
        @Primary
        ProjectionPipeline refusingPipeline(ViewWriter views, ObjectMapper json, StreamHub hub, StateIndexes stateIndexes,
                                            Set<String> refusedEventIds) {
            Projection refusing = message -> {
                if (refusedEventIds.contains(message.data().path("eventId").asText())) {
                    throw new IllegalStateException("refused by the test");
                }
            };
            List<Projection> inOrder = new ArrayList<>(List.of(refusing));
            inOrder.addAll(Projectors.pipeline(views, json, hub::wake, stateIndexes).inOrder());
            return new ProjectionPipeline(inOrder);
        }
    }

    @Test
    void parked_records_are_listed_and_replayed_once_their_cause_is_gone() throws Exception {
        String nid = "dead-letter-replay";
        refusedEventIds.addAll(List.of("fixed-later", "still-broken"));
        topic.publish(negotiationStarted(nid).atSequence(0));
        RecordMetadata fixedLater = topic.publish(developmentRecorded(nid, "fixed-later").atSequence(1));
        RecordMetadata stillBroken = topic.publish(developmentRecorded(nid, "still-broken").atSequence(2));
        topic.publish(developmentRecorded(nid, "after").atSequence(3));
        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("after"));

        JsonNode listed = send("GET", "/actuator/deadletters", 200).path("deadLetters");
        assertThat(at(listed, fixedLater).path("error").asText()).contains("refused by the test");
        assertThat(at(listed, stillBroken).path("error").asText()).contains("refused by the test");

        refusedEventIds.remove("fixed-later");
        JsonNode replays = send("POST", "/actuator/deadletters", 200).path("replays");
        assertThat(at(replays, fixedLater).path("replayed").asBoolean()).isTrue();
        assertThat(at(replays, stillBroken).path("replayed").asBoolean()).isFalse();
        assertThat(at(replays, stillBroken).path("error").asText()).contains("refused by the test");
        assertThat(eventIds(api.timeline(nid))).containsExactlyInAnyOrder("fixed-later", "after");
        JsonNode left = send("GET", "/actuator/deadletters", 200).path("deadLetters");
        assertThat(at(left, fixedLater)).as("a replayed dead letter is gone").isNull();
        assertThat(at(left, stillBroken)).as("one that still fails stays parked").isNotNull();

        refusedEventIds.clear();
        String one = "/actuator/deadletters/" + stillBroken.partition() + "/" + stillBroken.offset();
        assertThat(send("POST", one, 200).path("replayed").asBoolean()).isTrue();
        send("POST", one, 404);
        JsonNode again = send("POST", "/actuator/deadletters", 200).path("replays");
        assertThat(at(again, fixedLater)).isNull();
        assertThat(at(again, stillBroken)).isNull();

        // Each applied once; the stream goes on after them as before.
        topic.publish(developmentRecorded(nid, "later").atSequence(4));
        eventually(() -> assertThat(eventIds(api.timeline(nid)))
                .containsExactlyInAnyOrder("fixed-later", "still-broken", "after", "later"));
        assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(4);
    }

    /** The element of a listing or replay answer for this record, or null. */
    private static JsonNode at(JsonNode elements, RecordMetadata record) {
        for (JsonNode element : elements) {
            if (element.path("partition").asInt() == record.partition() && element.path("offset").asLong() == record.offset()) {
                return element;
            }
        }
        return null;
    }

    private JsonNode send(String method, String path, int expectedStatus) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "application/json").build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    @Test
    void a_replayed_conflict_stays_parked_and_changes_nothing() throws Exception {
        String nid = "replayed-conflict";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(developmentRecorded(nid, "original").atSequence(1));
        RecordMetadata impostor = topic.publish(developmentRecorded(nid, "impostor").atSequence(1));
        topic.publish(developmentRecorded(nid, "after-impostor").atSequence(2));
        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactlyInAnyOrder("original", "after-impostor"));

        JsonNode outcome = send("POST", "/actuator/deadletters/" + impostor.partition() + "/" + impostor.offset(), 200);
        assertThat(outcome.path("replayed").asBoolean()).isFalse();
        assertThat(outcome.path("error").asText()).startsWith("conflict: " + nid + " #1 was applied as message ");
        assertThat(eventIds(api.timeline(nid))).containsExactlyInAnyOrder("original", "after-impostor");
        assertThat(send("GET", "/actuator/deadletters", 200).path("deadLetters").findValuesAsText("offset"))
                .contains(Long.toString(impostor.offset()));
    }
}
