package org.negotiationtimeline.timeline.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.timeline.EmbeddedDefaults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The publisher's lag is visible: as a Prometheus gauge, and as readiness that answers 503 while
 * Kafka is more than {@code timeline.publisher.max-lag} events behind — while the root health stays
 * UP, because the service still stores writes. The lag is made real by stopping the publisher.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
class PublisherLagTest {

    private static final String TOKEN = "publisher-lag-test-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) throws IOException {
        EmbeddedDefaults.register(registry, "timeline-publisher-lag-test", TOKEN);
        registry.add("timeline.publisher.max-lag", () -> "2");
    }

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readiness_refuses_while_kafka_is_behind_the_store_and_the_gauge_says_by_how_much() throws Exception {
        awaitReadiness(200);
        TrackingEventProcessor publisher = processing
                .eventProcessor(KafkaEventForwarder.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        publisher.shutDown();
        try {
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> created = post("/api/negotiations", "{\"id\": \"lagging-" + i + "\", \"title\": \"t\"}");
                assertThat(created.statusCode()).isEqualTo(201);
            }

            awaitReadiness(503);
            assertThat(get("/actuator/health", null).statusCode()).as("the root health stays UP").isEqualTo(200);
            JsonNode details = JSON.readTree(get("/actuator/health", TOKEN).body());
            assertThat(details.at("/components/publisherLag/status").asText()).isEqualTo("LAGGING");
            assertThat(details.at("/components/publisherLag/details/lag").asLong()).isGreaterThanOrEqualTo(4);
            assertThat(gauge()).isGreaterThanOrEqualTo(4.0);
        } finally {
            publisher.start();
        }

        awaitReadiness(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge() == 0.0);
        assertThat(get("/actuator/prometheus", null).body()).contains("kafka_producer_record_send_total");
    }

    private void awaitReadiness(int status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness", null).statusCode() == status);
    }

    private double gauge() throws Exception {
        String metrics = get("/actuator/prometheus", null).body();
        return metrics.lines()
                .filter(line -> line.startsWith("timeline_publisher_lag_events"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no timeline_publisher_lag_events gauge in "
                        + metrics.lines().filter(l -> !l.startsWith("#")).limit(10).toList()));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
