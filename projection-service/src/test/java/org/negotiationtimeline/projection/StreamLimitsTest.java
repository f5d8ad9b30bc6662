package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.AdjustableClock;
import org.negotiationtimeline.projection.fixture.StreamClient;
import org.negotiationtimeline.projection.fixture.StreamClient.Message;
import org.negotiationtimeline.projection.stream.StreamHub;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * What one client can take of {@code GET /api/stream}: a few streams at once, none of them held
 * open forever without a message (the idle limit: 30 minutes, passed on an adjustable clock), and
 * no parameter the stream does not know.
 */
@Import(AdjustableClock.Configuration.class)
@TestPropertySource(properties = {
        "projection.stream.heartbeat=200ms",
        "projection.stream.poll-interval=1h",
        "projection.stream.max-per-client=3"})
class StreamLimitsTest extends ProjectionServiceTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Autowired
    private AdjustableClock clock;

    @Autowired
    private StreamHub hub;

    @Test
    void a_client_gets_at_most_max_per_client_streams_and_the_next_is_a_429_while_the_others_keep_streaming() {
        String nid = "per-client-talks";
        topic.publish(negotiationStarted(nid).atSequence(0));
        eventually(() -> api.negotiation(nid));
        String query = "/api/stream?negotiation=" + nid;
        // Streams of other tests closed by their client count until the server notices.
        eventually(() -> assertThat(hub.subscriptions()).isEmpty());

        try (StreamClient first = StreamClient.open(port, query).connect();
             StreamClient second = StreamClient.open(port, query).connect();
             StreamClient third = StreamClient.open(port, query).connect();
             StreamClient elsewhere = StreamClient.open(port, query).from("127.0.0.2").connect()) {
            Reply refused = get(query);
            assertThat(refused.status()).as("a fourth stream of 127.0.0.1: %s", refused.body()).isEqualTo(429);
            assertThat(refused.retryAfter()).isNotNull();
            assertThat(refused.contentType()).startsWith("application/problem+json");
            JsonNode problem = refused.json();
            assertThat(problem.path("type").asText()).isEqualTo("urn:negotiation-timeline:problem:too-many-requests");
            assertThat(problem.path("status").asInt()).isEqualTo(429);
            assertThat(problem.path("instance").asText()).isEqualTo("/api/stream");

            topic.publish(developmentRecorded(nid, "per-client-summit").atSequence(1));
            for (StreamClient stream : List.of(first, second, third, elsewhere)) {
                assertThat(stream.next().eventId()).isEqualTo("per-client-summit");
            }

            // Its slot is given back once the server sees the connection gone.
            third.close();
            eventually(() -> assertThat(get(query).status()).isEqualTo(200));
        }
    }

    @Test
    void a_stream_that_matched_nothing_for_the_idle_limit_is_ended_and_resumes_without_a_loss() {
        String nid = "idle-talks";
        topic.publish(negotiationStarted(nid).atSequence(0));
        eventually(() -> api.negotiation(nid));

        try (StreamClient idle = StreamClient.open(port, "/api/stream?negotiation=" + nid + "&type=SANCTIONS").connect();
             StreamClient busy = StreamClient.open(port, "/api/stream?negotiation=" + nid).connect()) {
            eventually(() -> assertThat(idle.comments()).contains("keep-alive"));
            clock.advance(Duration.ofMinutes(20));
            topic.publish(developmentRecorded(nid, "idle-meeting").ofType("MEETING").atSequence(1));
            Message meeting = busy.next();
            assertThat(meeting.eventId()).isEqualTo("idle-meeting");

            // 40 minutes without a match for one, 20 for the other; heartbeats went on all along.
            clock.advance(Duration.ofMinutes(20));
            assertThat(idle.untilEnd()).as("messages of the idle stream").isEmpty();
            assertThat(idle.comments()).anySatisfy(comment -> assertThat(comment).startsWith("closed: nothing matched for 1800s"));
            assertThat(idle.lastEventId()).as("moved past what it did not match").isEqualTo(meeting.id());
            assertThat(busy.ended()).isFalse();

            topic.publish(developmentRecorded(nid, "idle-sanctions").ofType("SANCTIONS").atSequence(2));
            assertThat(busy.next().eventId()).isEqualTo("idle-sanctions");
            try (StreamClient resumed = StreamClient.open(port, "/api/stream?negotiation=" + nid + "&type=SANCTIONS")
                    .lastEventId(idle.lastEventId()).connect()) {
                assertThat(resumed.next().eventId()).as("missed while it was away").isEqualTo("idle-sanctions");
            }
        }
    }

    // ---- helpers

    record Reply(int status, String contentType, String retryAfter, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** GET from 127.0.0.1: a problem's status and body, or 200 once a stream opened (which it then closes). */
    private Reply get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).GET().build();
        CompletableFuture<HttpResponse<InputStream>> sent =
                HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try {
            HttpResponse<InputStream> reply = sent.get(10, TimeUnit.SECONDS);
            try (InputStream body = reply.body()) {
                String text = reply.statusCode() == 200 ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return new Reply(reply.statusCode(), reply.headers().firstValue("Content-Type").orElse(""),
                        reply.headers().firstValue("Retry-After").orElse(null), text);
            }
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new AssertionError("GET " + pathAndQuery + " did not answer", e);
        } catch (ExecutionException | IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
