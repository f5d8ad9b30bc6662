package org.negotiationtimeline.timeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.timeline.EmbeddedDefaults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No spelling of any write endpoint, with any method, is served without the token, and the body
 * limit holds on every spelling: each request of the table below goes over a raw socket to the
 * real embedded server, and afterwards the event store holds exactly what it held before. The
 * same bodies, sent canonically with the token, are stored: a bypass would have stored them too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WriteAccessTest {

    private static final String TOKEN = "write-access-test-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> REFUSED_ANONYMOUS = Set.of(400, 401, 404, 405);
    private static final Set<Integer> REFUSED_TOO_LARGE = Set.of(400, 404, 405, 413);

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) throws IOException {
        EmbeddedDefaults.register(registry, "timeline-write-access-test", TOKEN);
        registry.add("timeline.http.max-body-size", () -> "8KB");
        registry.add("timeline.http.batch.max-body-size", () -> "16KB");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final AtomicInteger fresh = new AtomicInteger();
    private String nid;

    /** A write endpoint, and a valid body for it (a new id each time, so each could be stored). */
    private record Endpoint(String path, Supplier<String> body) {
    }

    @BeforeEach
    void aNegotiationWithADocumentAndADevelopment() throws IOException {
        nid = "access-" + UUID.randomUUID().toString().substring(0, 8);
        authorised("/api/negotiations", "{\"id\": \"" + nid + "\", \"title\": \"Write access\"}");
        authorised("/api/negotiations/" + nid + "/actors", "{\"id\": \"macron\", \"name\": \"Emmanuel Macron\", \"kind\": \"PERSON\"}");
        authorised("/api/negotiations/" + nid + "/documents", "{\"id\": \"" + nid + "-plan\", \"title\": \"Plan\", \"kind\": \"PLAN\"}");
        authorised("/api/documents/" + nid + "-plan/versions", version());
        authorised("/api/negotiations/" + nid + "/events", development(nid + "-summit"));
    }

    private List<Endpoint> endpoints() {
        String doc = nid + "-plan";
        String event = nid + "-summit";
        return List.of(
                new Endpoint("/api/negotiations", () -> "{\"id\": \"" + id() + "\", \"title\": \"Not to be stored\"}"),
                new Endpoint("/api/negotiations/" + nid + "/actors",
                        () -> "{\"id\": \"" + id() + "\", \"name\": \"Nobody\", \"kind\": \"PERSON\"}"),
                new Endpoint("/api/negotiations/" + nid + "/events", () -> development(id())),
                new Endpoint("/api/negotiations/" + nid + "/events/batch", () -> "{\"events\": [" + development(id()) + "]}"),
                new Endpoint("/api/negotiations/" + nid + "/documents",
                        () -> "{\"id\": \"" + id() + "\", \"title\": \"Other\", \"kind\": \"PLAN\"}"),
                new Endpoint("/api/documents/" + doc + "/versions", WriteAccessTest::version),
                new Endpoint("/api/documents/" + doc + "/provisions/ceasefire/status", () -> """
                        {"status": "AGREED", "occurred": {"value": "2026-01-07"}, "sources": [{"outlet": "RFE/RL"}]}"""),
                new Endpoint("/api/events/" + event + "/corrections", () -> """
                        {"set": {"title": "Corrected %s"}, "reason": "test", "sources": [{"outlet": "RFE/RL"}]}"""
                        .formatted(id())),
                new Endpoint("/api/events/" + event + "/retraction", () -> """
                        {"reason": "test", "sources": [{"outlet": "RFE/RL"}]}"""));
    }

    @Test
    void no_spelling_and_no_method_reaches_a_write_endpoint_without_the_token() throws IOException {
        long stored = eventsStored();
        SoftAssertions softly = new SoftAssertions();
        int requests = 0;
        for (Endpoint endpoint : endpoints()) {
            for (Map.Entry<String, String> spelling : WriteSpellings.of(endpoint.path(), port).entrySet()) {
                for (Map<String, String> credentials : List.of(Map.<String, String>of(),
                        Map.of("Authorization", "Bearer not-the-token"), Map.of("Authorization", "bearer"),
                        Map.of("Authorization", "Basic " + TOKEN), Map.of("X-Authorization", "Bearer " + TOKEN))) {
                    RawHttp.Response response = send("POST", spelling.getValue(), credentials, endpoint.body().get());
                    requests++;
                    softly.assertThat(response.status()).as("POST %s (%s) with %s: %s", spelling.getValue(),
                            spelling.getKey(), credentials.keySet(), response).isIn(REFUSED_ANONYMOUS);
                    softly.assertThat(response.header("content-type")).as("POST %s: %s", spelling.getValue(), response)
                            .startsWith("application/problem+json");
                    softly.assertThat(JSON.readTree(response.body()).path("instance").asText())
                            .as("instance of POST %s: %s", spelling.getValue(), response).isNotBlank();
                }
            }
            for (String method : WriteSpellings.methods()) {
                RawHttp.Response response = send(method, endpoint.path(), Map.of(), endpoint.body().get());
                requests++;
                softly.assertThat(response.status()).as("%s %s: %s", method, endpoint.path(), response).isIn(REFUSED_ANONYMOUS);
            }
            RawHttp.Response withToken = send("POST", endpoint.path() + "?access_token=" + TOKEN, Map.of(), endpoint.body().get());
            softly.assertThat(withToken.status()).as("a token in the query string: %s", withToken).isEqualTo(401);
        }
        softly.assertAll();
        assertThat(requests).isGreaterThan(1_500);
        assertThat(eventsStored()).as("events stored by refused requests").isEqualTo(stored);
        thoseBodiesAreStoredWithTheToken();
    }

    @Test
    void the_body_limit_holds_on_every_spelling() throws IOException {
        long stored = eventsStored();
        String oversized = "{\"id\": \"x\", \"title\": \"" + "a".repeat(20 * 1024) + "\"}";
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : endpoints()) {
            for (Map.Entry<String, String> spelling : WriteSpellings.of(endpoint.path(), port).entrySet()) {
                RawHttp.Response response = send("POST", spelling.getValue(), Map.of("Authorization", "Bearer " + TOKEN),
                        oversized);
                softly.assertThat(response.status()).as("POST %s (%s): %s", spelling.getValue(), spelling.getKey(), response)
                        .isIn(REFUSED_TOO_LARGE);
                if ("canonical".equals(spelling.getKey())) {
                    softly.assertThat(response.status()).as("canonical %s", endpoint.path()).isEqualTo(413);
                }
            }
        }
        softly.assertAll();
        assertThat(eventsStored()).isEqualTo(stored);
    }

    @Test
    void reads_stay_open_and_a_refusal_names_the_request_it_refused() throws IOException {
        RawHttp.Response health = send("GET", "/actuator/health", Map.of(), null);
        assertThat(health.status()).isEqualTo(200);

        RawHttp.Response anonymous = send("POST", "/api;x=1/negotiations", Map.of(), "{\"id\": \"x\", \"title\": \"t\"}");
        JsonNode problem = JSON.readTree(anonymous.body());
        assertThat(anonymous.status()).isEqualTo(400);
        assertThat(problem.get("type").asText()).isEqualTo("urn:negotiation-timeline:problem:validation");
        assertThat(problem.get("instance").asText()).isEqualTo("/api;x=1/negotiations");

        RawHttp.Response unauthorised = send("POST", "/api/negotiations", Map.of(), "{\"id\": \"x\", \"title\": \"t\"}");
        assertThat(unauthorised.status()).isEqualTo(401);
        assertThat(unauthorised.header("www-authenticate")).startsWith("Bearer");
        assertThat(JSON.readTree(unauthorised.body()).get("instance").asText()).isEqualTo("/api/negotiations");
    }

    /** The control: without it, a table of refusals could pass because every body was invalid. */
    private void thoseBodiesAreStoredWithTheToken() throws IOException {
        List<String> notStored = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            RawHttp.Response response = send("POST", endpoint.path(), Map.of("Authorization", "Bearer " + TOKEN),
                    endpoint.body().get());
            if (response.status() != 201) {
                notStored.add(endpoint.path() + ": " + response);
            }
        }
        assertThat(notStored).isEmpty();
    }

    private RawHttp.Response send(String method, String target, Map<String, String> headers, String body) throws IOException {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        return RawHttp.send(port, method, target, all, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private void authorised(String path, String body) throws IOException {
        RawHttp.Response response = send("POST", path, Map.of("Authorization", "Bearer " + TOKEN), body);
        assertThat(response.status()).as(path + ": " + response).isEqualTo(201);
    }

    private String id() {
        return nid + "-x" + fresh.incrementAndGet();
    }

    private long eventsStored() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    private static String development(String eventId) {
        return """
                {"eventId": "%s", "type": "MEETING", "occurred": {"value": "2026-01-06"},
                 "title": "A summit", "actors": [{"id": "macron", "role": "HOST"}],
                 "sources": [{"outlet": "RFE/RL", "published": "2026-01-06"}]}""".formatted(eventId);
    }

    private static String version() {
        return """
                {"label": "draft %s", "occurred": {"value": "2026-01-06"}, "status": "DRAFT",
                 "provisions": [{"id": "ceasefire", "number": "1", "text": "A ceasefire, %s."}],
                 "sources": [{"outlet": "RFE/RL"}]}""".formatted(UUID.randomUUID(), UUID.randomUUID());
    }
}
