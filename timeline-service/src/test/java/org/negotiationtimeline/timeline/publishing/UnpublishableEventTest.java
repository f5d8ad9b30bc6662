package org.negotiationtimeline.timeline.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.negotiationtimeline.timeline.EmbeddedDefaults;
import org.negotiationtimeline.timeline.TopicRecords;
import org.negotiationtimeline.timeline.kafka.KafkaConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One event Kafka refuses for good (larger than the producer's max.request.size, here 6 KB) does
 * not stop its segment: the events behind it are published, and the refused one is named in the
 * log, in unpublished_event and in health (DOWN). Real in-process broker, H2 file store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class UnpublishableEventTest {

    private static final String TOKEN = "test-token-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) throws IOException {
        EmbeddedDefaults.register(registry, "timeline-unpublishable-test", TOKEN);
        registry.add("timeline.kafka.max-request-size", () -> "6KB");
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaConnection kafka;
    @Autowired
    @Qualifier("publisherHealth")
    HealthIndicator publisherHealth;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void an_event_over_max_request_size_is_skipped_visibly_and_its_segment_publishes_on(CapturedOutput output)
            throws Exception {
        String nid = "n-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/negotiations", "{\"id\": \"" + nid + "\", \"title\": \"Big events\"}").statusCode())
                .isEqualTo(201);
        assertThat(publisherHealth.health().getStatus()).isEqualTo(Status.UP);

        HttpResponse<String> big = post("/api/negotiations/" + nid + "/events", development("too-big", "x".repeat(9_000)));
        HttpResponse<String> after = post("/api/negotiations/" + nid + "/events", development("after-too-big", "small"));
        assertThat(big.statusCode()).as(big.body()).isEqualTo(201);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);

        await("the event behind the refused one on the topic").atMost(Duration.ofSeconds(30))
                .until(() -> sequencesOf(nid).contains("2"));
        HttpResponse<String> later = post("/api/negotiations/" + nid + "/events", development("later", "small"));
        assertThat(later.statusCode()).as(later.body()).isEqualTo(201);
        await("a later event on the topic").atMost(Duration.ofSeconds(30)).until(() -> sequencesOf(nid).contains("3"));

        // Once each: a segment stuck on the refused event would publish the ones behind it again and again.
        assertThat(sequencesOf(nid)).containsExactly("0", "2", "3");
        Health health = publisherHealth.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).doesNotContainKey("failing");
        assertThat(health.getDetails()).containsEntry("unpublishedEvents", 1L);
        assertThat(health.getDetails().get("firstUnpublished").toString()).contains("DevelopmentRecorded " + nid + " #1");
        assertThat(output).contains("Kafka refuses DevelopmentRecorded " + nid + " #1").contains("RecordTooLargeException");
        assertThat(JSON.readTree(get("/actuator/health").body()).path("status").asText()).isEqualTo("DOWN");
    }

    private static String development(String eventId, String summary) {
        return """
                {"eventId": "%s", "type": "REPORT", "occurred": {"value": "2026-01-06"},
                 "title": "A report", "summary": "%s", "sources": [{"outlet": "Reuters"}]}"""
                .formatted(eventId, summary);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private List<String> sequencesOf(String nid) {
        return recordsOf(nid).stream().map(record -> header(record, "ce_sequence")).toList();
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String nid) {
        return TopicRecords.keyed(kafka.bootstrapServers(), nid);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        return TopicRecords.header(record, key);
    }
}
