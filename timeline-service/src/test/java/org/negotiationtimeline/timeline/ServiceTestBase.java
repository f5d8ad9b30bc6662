package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.negotiationtimeline.timeline.kafka.KafkaConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * timeline-service on its embedded default — a real in-process Kafka broker and an H2 file event
 * store in a temporary directory — driven over real HTTP, on a fixed clock.
 *
 * <p>The feature tests extend this and declare no configuration of their own, so they all have
 * the same context configuration and Spring's test context cache starts the service once for
 * all of them. Each test works in a negotiation of its own ({@link #newNegotiation()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestBase.FixedClock.class)
abstract class ServiceTestBase {

    static final String TOKEN = "test-token-" + UUID.randomUUID();
    static final Instant NOW = Instant.parse("2026-01-07T09:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Events of a new test negotiation: NegotiationStarted and one ActorRegistered. */
    static final long BASELINE = 2;
    /** The limits below, as the tests rely on them. */
    static final int MAX_BODY = 8 * 1024;
    static final int BATCH_MAX_BODY = 64 * 1024;
    static final int BATCH_MAX_EVENTS = 20;

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) throws IOException {
        EmbeddedDefaults.register(registry, "timeline-service-test", TOKEN);
        registry.add("timeline.http.max-body-size", () -> MAX_BODY + "B");
        registry.add("timeline.http.batch.max-body-size", () -> BATCH_MAX_BODY + "B");
        registry.add("timeline.http.batch.max-events", () -> Integer.toString(BATCH_MAX_EVENTS));
    }

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaConnection kafka;

    final HttpClient http = HttpClient.newHttpClient();

    /** A started negotiation with one registered actor, {@code macron}: {@link #BASELINE} events. */
    String newNegotiation() throws Exception {
        String nid = "n-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = post("/api/negotiations", TOKEN, "{\"id\": \"" + nid + "\", \"title\": \"Test " + nid + "\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        HttpResponse<String> actor = post("/api/negotiations/" + nid + "/actors", TOKEN,
                "{\"id\": \"macron\", \"name\": \"Emmanuel Macron\", \"affiliation\": \"France\", \"kind\": \"PERSON\"}");
        assertThat(actor.statusCode()).isEqualTo(201);
        return nid;
    }

    /** A valid MEETING hosted by {@code macron}; without an eventId when {@code eventId} is null. */
    static String parisSummit(String eventId) {
        return """
                {%s"type": "MEETING",
                 "occurred": {"value": "2026-01-06", "zone": "Europe/Paris"},
                 "title": "Coalition of the Willing summit in Paris",
                 "actors": [{"id": "macron", "role": "HOST"}],
                 "topics": ["security-guarantees"],
                 "location": "Paris",
                 "sources": [{"outlet": "unnamed publisher", "via": "Reuters", "published": "2026-01-06",
                              "ref": "000_ea396f7a82a19f71.txt"}],
                 "claims": [{"subject": "summit.countries", "value": 35},
                            {"subject": "reassurance-force.troops", "value": {"min": 15000, "max": 30000}}]}"""
                .formatted(eventId == null ? "" : "\"eventId\": \"" + eventId + "\", ");
    }

    static String batch(List<String> items) {
        return "{\"events\": [" + String.join(",\n", items) + "]}";
    }

    long eventsStoredFor(String nid) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, nid);
        return count == null ? 0 : count;
    }

    HttpResponse<String> postWithKey(String path, String idempotencyKey, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON POST, with the bearer token when {@code token} is not null. */
    HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The negotiation's records on the topic, once there are {@code count} of them. */
    List<ConsumerRecord<String, byte[]>> awaitRecords(String nid, long count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicRecords.keyed(kafka.bootstrapServers(), nid), list -> list.size() == count);
    }

    static String header(ConsumerRecord<String, byte[]> record, String key) {
        return TopicRecords.header(record, key);
    }

    /** The field the problem's first error names. */
    static String firstField(HttpResponse<String> problem) throws IOException {
        return JSON.readTree(problem.body()).at("/errors/0/field").asText();
    }

    static JsonNode body(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
