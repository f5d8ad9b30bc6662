package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.negotiationtimeline.projection.fixture.Occurrence.onDay;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.eventIds;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.consuming.AppliedPositions;
import org.negotiationtimeline.projection.consuming.ProjectionConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Read-your-writes on a real topic: a read that names a write's position with {@code waitFor}
 * answers only once the views have applied it — right after the publish, never a 404 or a view
 * without it — and answers 503 with Retry-After when the views do not get there in time.
 */
@AutoConfigureObservability(tracing = false) // the gauge of waiting reads on /actuator/prometheus
@TestPropertySource(properties = {"projection.consistency.max-wait=2s", "projection.consistency.max-waiters-per-client=1"})
class ReadYourWritesTest extends ProjectionServiceTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;
    @Autowired
    private ProjectionConsumer consumer;
    @Autowired
    private AppliedPositions positions;

    @Test
    void a_read_with_the_position_of_a_write_made_just_before_sees_it() {
        String nid = "read-your-writes";
        topic.publish(negotiationStarted(nid).atSequence(0));
        assertThat(get("/api/negotiations/" + nid + "?waitFor=" + nid + ":0").statusCode()).isEqualTo(200);
        for (int sequence = 1; sequence <= 25; sequence++) {
            String eventId = "development-" + sequence;
            topic.publish(developmentRecorded(nid, eventId).ofType("MEETING").occurred(onDay("2026-01-06")).atSequence(sequence));
            String position = nid + ":" + sequence;

            HttpResponse<String> event = get("/api/events/" + eventId + "?waitFor=" + position);
            assertThat(event.statusCode()).as("GET /api/events/%s right after its publish", eventId).isEqualTo(200);
            assertThat(json(event).path("eventId").asText()).isEqualTo(eventId);

            HttpResponse<String> timeline = get("/api/negotiations/" + nid + "/timeline?waitFor=" + position);
            assertThat(timeline.statusCode()).isEqualTo(200);
            assertThat(eventIds(json(timeline))).hasSize(sequence).contains(eventId);
        }
        assertThat(positions.waiting()).isZero();
    }

    @Test
    void a_read_waits_no_longer_than_the_bound_and_then_answers_503_with_retry_after() throws Exception {
        String nid = "behind-the-write";
        topic.publish(negotiationStarted(nid).atSequence(0));
        assertThat(get("/api/negotiations/" + nid + "?waitFor=" + nid + ":0").statusCode()).isEqualTo(200);
        consumer.stop();
        try {
            topic.publish(developmentRecorded(nid, "unapplied").ofType("MEETING").occurred(onDay("2026-01-06")).atSequence(1));
            long started = System.nanoTime();
            HttpResponse<String> timeline = get("/api/negotiations/" + nid + "/timeline?waitFor=" + nid + ":1");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(timeline.statusCode()).isEqualTo(503);
            assertThat(timeline.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(timeline.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(timeline).path("detail").asText()).contains(nid + ":1");
            assertThat(waited).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(8));

            HttpResponse<String> stream = get("/api/stream?negotiation=" + nid + "&waitFor=" + nid + ":1");
            assertThat(stream.statusCode()).as("the stream waits too").isEqualTo(503);

            assertThat(get("/api/negotiations/" + nid + "?waitFor=" + nid + ":0").statusCode())
                    .as("what is applied is still answered at once").isEqualTo(200);

            // One client may have one read waiting (max-waiters-per-client=1): a second is refused at once.
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                    () -> get("/api/negotiations/" + nid + "?waitFor=" + nid + ":1"));
            await().atMost(PATIENCE).until(() -> positions.waiting() == 1);
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics.lines().filter(l -> l.startsWith("projection_consistency_waiting")))
                    .as("the gauge of waiting reads in %s", metrics.lines().filter(l -> l.contains("projection_")).toList())
                    .singleElement().asString().endsWith(" 1.0");
            HttpResponse<String> second = get("/api/negotiations/" + nid + "/actors?waitFor=" + nid + ":1");
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(first.join().statusCode()).isEqualTo(503);
            assertThat(positions.waiting()).as("waiters that gave up are forgotten").isZero();
        } finally {
            consumer.start();
        }
        eventually(() -> assertThat(get("/api/negotiations/" + nid + "/timeline?waitFor=" + nid + ":1").statusCode())
                .isEqualTo(200));
    }

    @Test
    void a_position_that_is_not_one_is_a_400_naming_waitFor() {
        for (String bad : new String[] {"talks", "talks:-1", "Talks:1", "talks:x", ":1"}) {
            HttpResponse<String> answer = get("/api/negotiations?waitFor=" + bad);
            assertThat(answer.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(answer).path("errors").path(0).path("field").asText()).isEqualTo("waitFor");
        }
    }

    private HttpResponse<String> get(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(response.body(), e);
        }
    }
}
