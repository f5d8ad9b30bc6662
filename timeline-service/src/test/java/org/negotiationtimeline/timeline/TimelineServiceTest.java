package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.negotiationtimeline.timeline.kafka.KafkaConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * timeline-service on its embedded default — a real in-process Kafka broker and an H2 file event
 * store in a temporary directory — driven over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimelineServiceTest {

    private static final String TOKEN = "test-token-" + UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-01-07T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events of a new test negotiation: NegotiationStarted and one ActorRegistered. */
    private static final long BASELINE = 2;

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("timeline-service-test");
        registry.add("timeline.data-dir", dataDir::toString);
        registry.add("timeline.write-token", () -> TOKEN);
        registry.add("timeline.kafka.embedded.port", () -> 0);
        registry.add("timeline.kafka.embedded.controller-port", () -> 0);
        registry.add("timeline.http.max-body-size", () -> "8KB");
        registry.add("timeline.http.batch.max-body-size", () -> "64KB");
        registry.add("timeline.http.batch.max-events", () -> "20");
        registry.add("timeline.dataset", () -> "");
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
    @Autowired
    @Qualifier("negotiationCache")
    Cache negotiationCache;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_recorded_development_is_stored_and_published_to_kafka_as_a_cloud_event() throws Exception {
        String nid = newNegotiation();

        HttpResponse<String> response = post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("paris-summit"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("eventId").asText()).isEqualTo("paris-summit");
        assertThat(body.get("sequence").asLong()).isEqualTo(2);

        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOf(nid), list -> list.size() == 3);
        ConsumerRecord<String, byte[]> development = records.get(2);
        assertThat(development.key()).isEqualTo(nid);
        assertThat(header(development, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(development, "ce_type")).isEqualTo("org.negotiationtimeline.DevelopmentRecorded");
        assertThat(header(development, "ce_subject")).isEqualTo(nid);
        assertThat(header(development, "ce_negotiation")).isEqualTo(nid);
        assertThat(header(development, "ce_sequence")).isEqualTo("2");
        assertThat(header(development, "ce_time")).isEqualTo(NOW.toString());
        assertThat(header(development, "ce_source")).isEqualTo("/negotiations/" + nid);
        assertThat(header(development, "ce_dataschema")).isEqualTo("urn:negotiation-timeline:schema:DevelopmentRecorded:2");
        assertThat(header(development, "content-type")).isEqualTo("application/json");
        assertThat(header(development, "ce_id")).isNotBlank().isNotEqualTo(header(records.get(0), "ce_id"));
        JsonNode payload = JSON.readTree(development.value());
        assertThat(payload.get("eventId").asText()).isEqualTo("paris-summit");
        assertThat(payload.at("/occurred/earliest").asText()).isEqualTo("2026-01-05T23:00:00Z");
        assertThat(payload.at("/occurred/latest").asText()).isEqualTo("2026-01-06T22:59:59.999999Z");
        assertThat(payload.at("/occurred/precision").asText()).isEqualTo("DAY");
        assertThat(payload.at("/sources/0/ref").asText()).isEqualTo("000_ea396f7a82a19f71.txt");
        assertThat(payload.get("recordedAt").asText()).isEqualTo(NOW.toString());
        assertThat(payload.at("/claims/1/value/max").asInt()).isEqualTo(30000);
        assertThat(payload.at("/sources/0/published").asText()).isEqualTo("2026-01-06");
        assertThat(header(records.get(1), "ce_type")).isEqualTo("org.negotiationtimeline.ActorRegistered");
        assertThat(header(records.get(0), "ce_type")).isEqualTo("org.negotiationtimeline.NegotiationStarted");
        assertThat(header(records.get(0), "ce_sequence")).isEqualTo("0");
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(PublishedSchemas.violations(record)).as("schema violations of %s", header(record, "ce_type")).isEmpty();
        }
    }

    @Test
    void a_negotiation_stays_cached_between_commands_and_a_refused_command_does_not_change_the_cached_copy()
            throws Exception {
        String nid = newNegotiation();
        assertThat(post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("cached-1")).statusCode()).isEqualTo(201);
        assertThat(negotiationCache.containsKey(nid)).as("loaded once, then served from memory").isTrue();

        String unknownActor = parisSummit("refused").replace("\"macron\"", "\"nobody-registered\"");
        assertThat(post("/api/negotiations/" + nid + "/events", TOKEN, unknownActor).statusCode()).isEqualTo(400);
        HttpResponse<String> next = post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("cached-2"));

        assertThat(next.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(next.body()).get("sequence").asLong()).as("no gap, no stale copy").isEqualTo(3);
    }

    @Test
    void a_repeated_event_id_returns_the_first_result_and_a_changed_body_is_a_conflict() throws Exception {
        String nid = newNegotiation();
        HttpResponse<String> first = post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("summit"));
        // The same content with keys in another order and extra whitespace is the same body.
        Map<String, Object> reordered = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        reordered.putAll(JSON.readValue(parisSummit("summit"), Map.class));
        HttpResponse<String> again = post("/api/negotiations/" + nid + "/events", TOKEN,
                "  " + JSON.writeValueAsString(reordered) + "\n");
        long stored = eventsStoredFor(nid);
        HttpResponse<String> changed = post("/api/negotiations/" + nid + "/events", TOKEN,
                parisSummit("summit").replace("Coalition of the Willing", "Coalition"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(changed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(eventsStoredFor(nid)).isEqualTo(stored).isEqualTo(3);
    }

    @Test
    void an_idempotency_key_header_stands_in_for_the_event_id() throws Exception {
        String nid = newNegotiation();
        String body = parisSummit(null);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/negotiations/" + nid + "/events"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .header("Idempotency-Key", "client-key-1").POST(HttpRequest.BodyPublishers.ofString(body));

        HttpResponse<String> first = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(first.body()).get("eventId").asText()).isEqualTo("client-key-1");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(eventsStoredFor(nid)).isEqualTo(3);
    }

    @Test
    void invalid_input_is_a_problem_naming_every_bad_field_and_stores_nothing() throws Exception {
        String nid = newNegotiation();
        String bad = """
                {"type": "MEETING", "occurred": {"value": "2026-02-30"}, "title": " ",
                 "actors": [{"id": "Not A Slug", "role": "HOST"}], "sources": []}""";

        HttpResponse<String> response = post("/api/negotiations/" + nid + "/events", TOKEN, bad);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:negotiation-timeline:problem:validation");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("actors[0].id", "occurred.value", "sources", "title");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void an_unregistered_actor_or_a_block_of_another_type_is_a_problem_naming_the_field() throws Exception {
        String nid = newNegotiation();

        HttpResponse<String> unknownActor = post("/api/negotiations/" + nid + "/events", TOKEN,
                parisSummit("a").replace("\"macron\"", "\"starmer\""));
        HttpResponse<String> wrongBlock = post("/api/negotiations/" + nid + "/events", TOKEN,
                parisSummit("b").replace("\"location\"", "\"position\": {\"holder\": \"macron\", \"stance\": \"SUPPORTS\", \"on\": \"x\"}, \"location\""));
        HttpResponse<String> badPublished = post("/api/negotiations/" + nid + "/events", TOKEN,
                parisSummit("c").replace("\"2026-01-06\",\n", "\"6 Jan\",\n"));

        assertThat(unknownActor.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownActor.body()).at("/errors/0/field").asText()).isEqualTo("actors[0].id");
        assertThat(wrongBlock.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrongBlock.body()).at("/errors/0/field").asText()).isEqualTo("position");
        assertThat(badPublished.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badPublished.body()).at("/errors/0/field").asText()).isEqualTo("sources[0].published");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void unknown_fields_and_enum_values_are_named_not_dropped() throws Exception {
        String nid = newNegotiation();

        HttpResponse<String> unknownField = post("/api/negotiations/" + nid + "/events", TOKEN,
                parisSummit("x").replace("\"title\"", "\"headline\": \"?\", \"title\""));
        HttpResponse<String> badType = post("/api/negotiations/" + nid + "/events", TOKEN,
                parisSummit("y").replace("MEETING", "SUMMIT"));
        HttpResponse<String> notJson = post("/api/negotiations/" + nid + "/events", TOKEN, "{\"type\": ");

        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownField.body()).at("/errors/0/field").asText()).isEqualTo("headline");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badType.body()).at("/errors/0/field").asText()).isEqualTo("type");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void writes_without_the_bearer_token_are_refused_and_store_nothing() throws Exception {
        String nid = newNegotiation();

        HttpResponse<String> none = post("/api/negotiations/" + nid + "/events", null, parisSummit("a"));
        HttpResponse<String> wrong = post("/api/negotiations/" + nid + "/events", "not-the-token", parisSummit("b"));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(JSON.readTree(none.body()).get("type").asText()).isEqualTo("urn:negotiation-timeline:problem:unauthorized");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void a_correction_and_a_retraction_are_new_events_addressed_by_event_id_alone() throws Exception {
        String nid = newNegotiation();
        String eventId = "summit-" + nid;
        post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit(eventId));
        String correction = """
                {"set": {"occurred": {"value": "2026-01-07", "zone": "Europe/Paris"}, "title": "Summit, moved"},
                 "reason": "the article was wrong about the day",
                 "sources": [{"outlet": "RFE/RL", "published": "2026-01-07", "ref": "001_4c1616e0ff1b72e1.txt"}]}""";

        HttpResponse<String> corrected = postWithKey("/api/events/" + eventId + "/corrections", "fix-" + nid, correction);
        HttpResponse<String> again = postWithKey("/api/events/" + eventId + "/corrections", "fix-" + nid, correction);
        HttpResponse<String> retracted = post("/api/events/" + eventId + "/retraction", TOKEN,
                "{\"reason\": \"no such summit\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}");
        HttpResponse<String> retractedAgain = post("/api/events/" + eventId + "/retraction", TOKEN,
                "{\"reason\": \"again\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}");
        HttpResponse<String> unknown = post("/api/events/no-such-event/retraction", TOKEN,
                "{\"reason\": \"x\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}");
        HttpResponse<String> emptySet = post("/api/events/" + eventId + "/corrections", TOKEN,
                "{\"set\": {}, \"reason\": \"x\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}");

        assertThat(corrected.statusCode()).isEqualTo(201);
        JsonNode answer = JSON.readTree(corrected.body());
        assertThat(answer.get("eventId").asText()).isEqualTo("fix-" + nid);
        assertThat(answer.get("amends").asText()).isEqualTo(eventId);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(corrected.body());
        assertThat(retracted.statusCode()).isEqualTo(201);
        assertThat(retractedAgain.statusCode()).isEqualTo(409);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(emptySet.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(emptySet.body()).at("/errors/0/field").asText()).isEqualTo("set");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + 3);

        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOf(nid), list -> list.size() == BASELINE + 3);
        assertThat(header(records.get(3), "ce_type")).isEqualTo("org.negotiationtimeline.DevelopmentCorrected");
        assertThat(header(records.get(4), "ce_type")).isEqualTo("org.negotiationtimeline.DevelopmentRetracted");
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(PublishedSchemas.violations(record)).as("schema violations of %s", header(record, "ce_type")).isEmpty();
        }
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
    void a_document_evolves_by_versions_whose_changes_are_computed_and_published() throws Exception {
        String nid = newNegotiation();
        String doc = "plan-" + nid;
        HttpResponse<String> created = post("/api/negotiations/" + nid + "/documents", TOKEN,
                "{\"id\": \"" + doc + "\", \"title\": \"Peace plan\", \"kind\": \"PLAN\"}");
        String first = """
                {"label": "first draft", "occurred": {"value": "2025-11"}, "status": "DRAFT",
                 "provisions": [{"id": "ceasefire", "number": "1", "text": "A ceasefire along the line of contact."},
                                {"id": "sanctions", "number": "2", "text": "Sanctions are lifted in stages."}],
                 "sources": [{"outlet": "RFE/RL"}]}""";
        String second = """
                {"label": "second draft", "occurred": {"value": "2025-12"}, "status": "SUBJECT_TO_CHANGE", "expectedVersion": 1,
                 "provisions": [{"id": "ceasefire", "number": "1", "text": "A ceasefire along the current line of contact."},
                                {"id": "monitoring", "number": "2", "text": "A US-led mechanism monitors it.", "derivedFrom": ["ceasefire"]}],
                 "sources": [{"outlet": "RFE/RL"}]}""";

        HttpResponse<String> v1 = post("/api/documents/" + doc + "/versions", TOKEN, first);
        HttpResponse<String> v2 = post("/api/documents/" + doc + "/versions", TOKEN, second);
        HttpResponse<String> v2Again = post("/api/documents/" + doc + "/versions", TOKEN, second);
        HttpResponse<String> stale = post("/api/documents/" + doc + "/versions", TOKEN, second.replace("second draft", "third draft"));
        HttpResponse<String> dangling = post("/api/documents/" + doc + "/versions", TOKEN,
                first.replace("\"number\": \"1\",", "\"number\": \"1\", \"derivedFrom\": [\"other-doc/x\"],"));
        HttpResponse<String> status = post("/api/documents/" + doc + "/provisions/ceasefire/status", TOKEN,
                "{\"status\": \"AGREED\", \"by\": \"macron\", \"occurred\": {\"value\": \"2026-01-06\"}, \"sources\": [{\"outlet\": \"RFE/RL\"}]}");
        HttpResponse<String> unknownDocument = post("/api/documents/no-such-doc/versions", TOKEN, first);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(v1.statusCode()).as(v1.body()).isEqualTo(201);
        assertThat(JSON.readTree(v1.body()).get("version").asInt()).isEqualTo(1);
        JsonNode changes = JSON.readTree(v2.body()).get("changes");
        assertThat(changes.findValuesAsText("change")).containsExactly("SPLIT", "SPLIT", "REMOVED");
        assertThat(v2Again.statusCode()).isEqualTo(201);
        assertThat(v2Again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(v2Again.body()).get("version").asInt()).isEqualTo(2);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(dangling.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(dangling.body()).at("/errors/0/field").asText()).isEqualTo("provisions[0].derivedFrom[0]");
        assertThat(status.statusCode()).as(status.body()).isEqualTo(201);
        assertThat(unknownDocument.statusCode()).isEqualTo(404);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + 4);

        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOf(nid), list -> list.size() == BASELINE + 4);
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(PublishedSchemas.violations(record)).as("schema violations of %s", header(record, "ce_type")).isEmpty();
        }
    }

    @Test
    void an_unknown_negotiation_is_not_found() throws Exception {
        HttpResponse<String> response = post("/api/negotiations/never-started/events", TOKEN, parisSummit("a"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("never-started");
        assertThat(eventsStoredFor("never-started")).isZero();
    }

    @Test
    void a_negotiation_id_can_be_taken_once() throws Exception {
        String nid = newNegotiation();

        HttpResponse<String> again = post("/api/negotiations", TOKEN, "{\"id\": \"" + nid + "\", \"title\": \"Again\"}");
        HttpResponse<String> badId = post("/api/negotiations", TOKEN, "{\"id\": \"Bad Id\", \"title\": \"x\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badId.body()).at("/errors/0/field").asText()).isEqualTo("id");
    }

    @Test
    void an_oversized_body_is_refused_with_or_without_a_content_length() throws Exception {
        String nid = newNegotiation();
        String huge = parisSummit("big").replace("\"title\": \"", "\"summary\": \"" + "x".repeat(20_000) + "\", \"title\": \"");

        HttpResponse<String> withLength = post("/api/negotiations/" + nid + "/events", TOKEN, huge);
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/api/negotiations/" + nid + "/events"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(withLength.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(withLength.body()).get("type").asText()).isEqualTo("urn:negotiation-timeline:problem:payload-too-large");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void a_batch_is_stored_in_one_request_and_published_in_order() throws Exception {
        String nid = newNegotiation();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            items.add(parisSummit("batch-" + nid + "-" + i));
        }
        items.add(parisSummit(null)); // no eventId: the server picks one, as for a single request
        String body = batch(items);
        assertThat(body.length()).as("over the single-request limit, within the batch's own").isGreaterThan(8 * 1024);

        HttpResponse<String> response = post("/api/negotiations/" + nid + "/events/batch", TOKEN, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode answers = JSON.readTree(response.body()).get("events");
        assertThat(answers).hasSize(16);
        for (int i = 0; i < 16; i++) {
            assertThat(answers.get(i).get("sequence").asLong()).isEqualTo(BASELINE + i);
            assertThat(answers.get(i).get("replayed").asBoolean()).isFalse();
            if (i < 15) {
                assertThat(answers.get(i).get("eventId").asText()).isEqualTo("batch-" + nid + "-" + i);
            }
        }
        assertThat(answers.get(15).get("eventId").asText()).isNotBlank();
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + 16);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_index WHERE negotiation_id = ?", Long.class, nid))
                .as("every id indexed").isEqualTo(16);

        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOf(nid), list -> list.size() == BASELINE + 16);
        for (int i = 0; i < 16; i++) {
            ConsumerRecord<String, byte[]> record = records.get((int) BASELINE + i);
            assertThat(header(record, "ce_type")).isEqualTo("org.negotiationtimeline.DevelopmentRecorded");
            assertThat(header(record, "ce_sequence")).isEqualTo(Long.toString(BASELINE + i));
            assertThat(JSON.readTree(record.value()).get("eventId").asText()).isEqualTo(answers.get(i).get("eventId").asText());
            assertThat(PublishedSchemas.violations(record)).isEmpty();
        }
    }

    @Test
    void a_repeated_batch_returns_the_first_answers_and_stores_nothing_new() throws Exception {
        String nid = newNegotiation();
        post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("single-" + nid));
        String body = batch(List.of(parisSummit("r1-" + nid), parisSummit("single-" + nid), parisSummit("r2-" + nid),
                parisSummit("r1-" + nid)));

        HttpResponse<String> first = post("/api/negotiations/" + nid + "/events/batch", TOKEN, body);
        long stored = eventsStoredFor(nid);
        HttpResponse<String> again = post("/api/negotiations/" + nid + "/events/batch", TOKEN, body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode answers = JSON.readTree(first.body()).get("events");
        assertThat(answers.findValuesAsText("sequence")).containsExactly("3", "2", "4", "3");
        assertThat(answers.findValuesAsText("replayed")).containsExactly("false", "true", "false", "true");
        assertThat(stored).as("a repeat inside the batch is stored once").isEqualTo(BASELINE + 3);
        assertThat(again.statusCode()).isEqualTo(201);
        JsonNode replayed = JSON.readTree(again.body()).get("events");
        assertThat(replayed.findValuesAsText("sequence")).containsExactly("3", "2", "4", "3");
        assertThat(replayed.findValuesAsText("replayed")).containsOnly("true");
        assertThat(eventsStoredFor(nid)).isEqualTo(stored);
    }

    @Test
    void an_invalid_item_is_a_problem_naming_its_position_and_the_batch_stores_nothing() throws Exception {
        String nid = newNegotiation();
        String badShape = batch(List.of(parisSummit("ok-1"), parisSummit("ok-2"),
                parisSummit("ok-3").replace("\"2026-01-06\", \"zone\"", "\"2026-02-30\", \"zone\"")));
        String unknownActor = batch(List.of(parisSummit("ok-4"), parisSummit("ok-5"),
                parisSummit("ok-6").replace("\"macron\"", "\"starmer\"")));

        HttpResponse<String> shape = post("/api/negotiations/" + nid + "/events/batch", TOKEN, badShape);
        HttpResponse<String> actor = post("/api/negotiations/" + nid + "/events/batch", TOKEN, unknownActor);

        assertThat(shape.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(shape.body()).get("type").asText()).isEqualTo("urn:negotiation-timeline:problem:validation");
        assertThat(JSON.readTree(shape.body()).at("/errors/0/field").asText()).isEqualTo("events[2].occurred.value");
        assertThat(actor.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(actor.body()).at("/errors/0/field").asText()).isEqualTo("events[2].actors[0].id");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_index WHERE event_id LIKE 'ok-%'", Long.class)).isZero();
    }

    @Test
    void an_id_taken_in_another_negotiation_refuses_the_whole_batch_and_leaves_no_trace() throws Exception {
        String other = newNegotiation();
        String nid = newNegotiation();
        post("/api/negotiations/" + other + "/events", TOKEN, parisSummit("taken-" + other));

        HttpResponse<String> refused = post("/api/negotiations/" + nid + "/events/batch", TOKEN,
                batch(List.of(parisSummit("x1-" + nid), parisSummit("taken-" + other))));
        HttpResponse<String> next = post("/api/negotiations/" + nid + "/events/batch", TOKEN,
                batch(List.of(parisSummit("x1-" + nid))));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(next.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(next.body()).at("/events/0/sequence").asLong())
                .as("the refused batch left no event in the cached negotiation").isEqualTo(BASELINE);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + 1);
    }

    @Test
    void a_batch_over_the_item_limit_or_empty_or_without_the_token_is_refused() throws Exception {
        String nid = newNegotiation();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            items.add(parisSummit("many-" + i));
        }

        HttpResponse<String> tooMany = post("/api/negotiations/" + nid + "/events/batch", TOKEN, batch(items));
        HttpResponse<String> empty = post("/api/negotiations/" + nid + "/events/batch", TOKEN, batch(List.of()));
        HttpResponse<String> noToken = post("/api/negotiations/" + nid + "/events/batch", null, batch(items.subList(0, 1)));
        HttpResponse<String> unknown = post("/api/negotiations/never-started/events/batch", TOKEN, batch(items.subList(0, 1)));

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooMany.body()).at("/errors/0/field").asText()).isEqualTo("events");
        assertThat(JSON.readTree(tooMany.body()).get("detail").asText()).contains("at most 20");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(empty.body()).at("/errors/0/field").asText()).isEqualTo("events");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void a_batch_over_its_own_body_limit_is_refused() throws Exception {
        String nid = newNegotiation();
        String huge = parisSummit("big").replace("\"title\": \"", "\"summary\": \"" + "x".repeat(9_000) + "\", \"title\": \"");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            items.add(huge.replace("\"big\"", "\"big-" + i + "\""));
        }

        HttpResponse<String> response = post("/api/negotiations/" + nid + "/events/batch", TOKEN, batch(items));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains(Long.toString(64 * 1024));
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String batch(List<String> items) {
        return "{\"events\": [" + String.join(",\n", items) + "]}";
    }

    private String newNegotiation() throws Exception {
        String nid = "n-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = post("/api/negotiations", TOKEN, "{\"id\": \"" + nid + "\", \"title\": \"Test " + nid + "\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        HttpResponse<String> actor = post("/api/negotiations/" + nid + "/actors", TOKEN,
                "{\"id\": \"macron\", \"name\": \"Emmanuel Macron\", \"affiliation\": \"France\", \"kind\": \"PERSON\"}");
        assertThat(actor.statusCode()).isEqualTo(201);
        return nid;
    }

    private static String parisSummit(String eventId) {
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

    private long eventsStoredFor(String nid) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, nid);
        return count == null ? 0 : count;
    }

    private HttpResponse<String> postWithKey(String path, String idempotencyKey, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String nid) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("negotiation-events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (nid.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
            return found;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
