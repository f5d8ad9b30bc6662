package org.negotiationtimeline.timeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.negotiationtimeline.timeline.EmbeddedDefaults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bodies an outsider would send to make the service store what it should not, or fail: each is a
 * 400 (or 413) problem naming what is wrong, and the event store holds afterwards exactly what it
 * held before. Every body here differs from a valid one (stored in {@link #the_valid_forms_are_stored})
 * by the one thing the test names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputTest {

    private static final String TOKEN = "hostile-input-test-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) throws IOException {
        EmbeddedDefaults.register(registry, "timeline-hostile-input-test", TOKEN);
        registry.add("timeline.http.max-body-size", () -> "64KB");
        registry.add("timeline.http.batch.max-events", () -> "50");
        registry.add("timeline.limits.event-max-bytes", () -> "6KB");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private String nid;
    private long stored;

    @BeforeEach
    void aNegotiation() throws IOException {
        nid = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        expect(201, post("/api/negotiations", "{\"id\": \"" + nid + "\", \"title\": \"Hostile input\"}"));
        expect(201, post("/api/negotiations/" + nid + "/actors", "{\"id\": \"macron\", \"name\": \"Emmanuel Macron\", \"kind\": \"PERSON\"}"));
        expect(201, post("/api/negotiations/" + nid + "/documents", "{\"id\": \"" + nid + "-plan\", \"title\": \"Plan\", \"kind\": \"PLAN\"}"));
        expect(201, post("/api/documents/" + nid + "-plan/versions", version("\"derivedFrom\": []")));
        expect(201, post(events(), development("summit", "\"title\": \"A summit\"")));
        stored = eventsStored();
    }

    @Test
    void the_valid_forms_are_stored() throws IOException {
        expect(201, post(events(), development("valid", "\"title\": \"Tab\\tand line\\nbreaks, and \uD83C\uDDFA\uD83C\uDDE6 are text\"")));
        expect(201, post("/api/events/" + nid + "-summit/corrections", correction("\"title\": \"Corrected\"")));
        expect(201, post(events(), development("claim", "\"title\": \"t\", \"claims\": [{\"subject\": \"s\", \"value\": "
                + nested(8) + "}]")));
        assertThat(eventsStored()).isEqualTo(stored + 3);
    }

    @Test
    void trailing_tokens_after_the_body_are_refused() throws IOException {
        refused(post(events(), development("trailing", "\"title\": \"t\"") + " garbage"), null);
        refused(post(events(), development("two-bodies", "\"title\": \"t\"") + development("second", "\"title\": \"t\"")), null);
        refused(post("/api/negotiations", "{\"id\": \"" + nid + "-x\", \"title\": \"t\"} {}"), null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "development|EVENTS|{\"eventId\": \"dup\", \"type\": \"MEETING\", \"occurred\": {\"value\": \"2026-01-06\"}, \"title\": \"a\", \"title\": \"b\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}",
            "negotiation|/api/negotiations|{\"id\": \"dup-neg\", \"title\": \"a\", \"title\": \"b\"}",
            "correction|CORRECTIONS|{\"set\": {\"title\": \"a\", \"title\": \"b\"}, \"reason\": \"r\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}",
            "retraction|RETRACTION|{\"reason\": \"a\", \"reason\": \"b\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}",
            "document|DOCUMENTS|{\"id\": \"dup-doc\", \"title\": \"a\", \"kind\": \"PLAN\", \"kind\": \"AGREEMENT\"}",
            "nested key|EVENTS|{\"eventId\": \"dup2\", \"type\": \"MEETING\", \"occurred\": {\"value\": \"2026-01-06\", \"value\": \"2026-01-07\"}, \"title\": \"a\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}"})
    void a_key_given_twice_is_refused(String what, String path, String body) throws IOException {
        JsonNode problem = refused(post(path(path), body), null);
        assertThat(problem.get("detail").asText()).contains("twice");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "number for a string id|/api/negotiations|{\"id\": 12, \"title\": \"t\"}|id",
            "number for a string title|/api/negotiations|{\"id\": \"coerced\", \"title\": 12}|title",
            "boolean for a string|/api/negotiations|{\"id\": \"coerced\", \"title\": true}|title",
            "number for an enum|DOCUMENTS|{\"id\": \"coerced\", \"title\": \"t\", \"kind\": 0}|kind",
            "string for a boolean|EVENTS|{\"type\": \"STATEMENT\", \"occurred\": {\"value\": \"2026-01-06\"}, \"title\": \"t\", \"actors\": [{\"id\": \"macron\", \"role\": \"SPEAKER\"}], \"quote\": {\"text\": \"q\", \"verbatim\": \"true\"}, \"sources\": [{\"outlet\": \"RFE/RL\"}]}|quote.verbatim",
            "string for a number|VERSIONS|{\"label\": \"v\", \"occurred\": {\"value\": \"2026-01-06\"}, \"status\": \"DRAFT\", \"expectedVersion\": \"1\", \"provisions\": [{\"id\": \"p\", \"number\": \"1\", \"text\": \"x\"}], \"sources\": [{\"outlet\": \"RFE/RL\"}]}|expectedVersion",
            "fraction for an integer|VERSIONS|{\"label\": \"v\", \"occurred\": {\"value\": \"2026-01-06\"}, \"status\": \"DRAFT\", \"expectedVersion\": 1.5, \"provisions\": [{\"id\": \"p\", \"number\": \"1\", \"text\": \"x\"}], \"sources\": [{\"outlet\": \"RFE/RL\"}]}|expectedVersion"})
    void a_scalar_of_the_wrong_json_type_is_refused_not_coerced(String what, String path, String body, String field)
            throws IOException {
        refused(post(path(path), body), field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NUL in a title|\"title\": \"a\\u0000b\"|title",
            "escape in a title|\"title\": \"a\\u001bb\"|title",
            "C1 control in a summary|\"title\": \"t\", \"summary\": \"a\\u0085b\"|summary",
            "lone high surrogate|\"title\": \"a\\ud800b\"|title",
            "lone low surrogate|\"title\": \"a\\udc00\"|title",
            "right-to-left override|\"title\": \"a\\u202eb\"|title",
            "isolate|\"title\": \"a\\u2066b\"|title",
            "control in a source|\"title\": \"t\", \"sources\": [{\"outlet\": \"R\\u0007\"}]|sources[0].outlet",
            "control in a claim string|\"title\": \"t\", \"claims\": [{\"subject\": \"s\", \"value\": {\"a\": \"b\\u0000\"}}]|claims[0].value",
            "control in a claim key|\"title\": \"t\", \"claims\": [{\"subject\": \"s\", \"value\": {\"a\\u0000\": 1}}]|claims[0].value"})
    void text_that_hides_or_corrupts_what_it_holds_is_refused(String what, String fields, String field) throws IOException {
        refused(post(events(), development("unsafe", fields)), field);
    }

    @Test
    void a_claim_value_is_bounded_in_size_and_depth() throws IOException {
        String big = "\"" + "x".repeat(9 * 1024) + "\"";
        refused(post(events(), development("big-claim", "\"title\": \"t\", \"claims\": [{\"subject\": \"s\", \"value\": " + big + "}]")),
                "claims[0].value");
        refused(post(events(), development("deep-claim", "\"title\": \"t\", \"claims\": [{\"subject\": \"s\", \"value\": "
                + nested(9) + "}]")), "claims[0].value");
        JsonNode tooDeep = refused(post(events(), development("deepest", "\"title\": \"t\", \"claims\": [{\"subject\": \"s\", \"value\": "
                + nested(40) + "}]")), null);
        assertThat(tooDeep.toString()).contains("nested deeper");
    }

    @Test
    void a_batch_is_counted_before_its_items_are_read() throws IOException {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            items.append(i == 0 ? "" : ",").append("{}");
        }
        JsonNode problem = refused(post("/api/negotiations/" + nid + "/events/batch", "{\"events\": [" + items + "]}"), "events");
        assertThat(problem.at("/errors/0/message").asText()).contains("more than 50");
    }

    @Test
    void an_occurred_interval_wider_than_the_bound_is_refused() throws IOException {
        refused(post(events(), development("wide", "\"title\": \"t\"").replace("\"2026-01-06\"", "\"1900-01-01/2026-01-06\"")),
                "occurred.value");
        expect(201, post(events(), development("decade", "\"title\": \"t\"").replace("\"2026-01-06\"", "\"2017-01-07/2026-01-06\"")));
        stored++;
        assertThat(eventsStored()).isEqualTo(stored);
    }

    @Test
    void an_event_too_large_to_publish_is_refused_at_command_time_and_the_negotiation_goes_on() throws IOException {
        StringBuilder provisions = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            provisions.append(i == 0 ? "" : ",").append("{\"id\": \"p").append(i).append("\", \"number\": \"").append(i)
                    .append("\", \"text\": \"").append("word ".repeat(100)).append("\"}");
        }
        String version = "{\"label\": \"large\", \"occurred\": {\"value\": \"2026-01-06\"}, \"status\": \"DRAFT\", "
                + "\"provisions\": [" + provisions + "], \"sources\": [{\"outlet\": \"RFE/RL\"}]}";
        RawHttp.Response response = post("/api/documents/" + nid + "-plan/versions", version);
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("VersionAdded");
        assertThat(eventsStored()).isEqualTo(stored);
        // The refused command left no half-applied state behind: the next event takes the next sequence.
        long inNegotiation = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, nid);
        RawHttp.Response next = post(events(), development("after", "\"title\": \"After the refusal\""));
        expect(201, next);
        assertThat(JSON.readTree(next.body()).get("sequence").asLong()).isEqualTo(inNegotiation);
    }

    @Test
    void a_lineage_naming_a_predecessor_twice_is_refused() throws IOException {
        refused(post("/api/documents/" + nid + "-plan/versions", version("\"derivedFrom\": [\"p\", \"" + nid + "-plan/p\"]")),
                "provisions[0].derivedFrom[1]");
    }

    // --- helpers -------------------------------------------------------------------------------

    private JsonNode refused(RawHttp.Response response, String field) throws IOException {
        assertThat(response.status()).as(response.toString()).isIn(400, 413);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        if (field != null) {
            assertThat(problem.at("/errors/0/field").asText()).as(response.toString()).isEqualTo(field);
        }
        assertThat(eventsStored()).as("events stored").isEqualTo(stored);
        return problem;
    }

    private static void expect(int status, RawHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }

    private String path(String name) {
        return switch (name) {
            case "EVENTS" -> events();
            case "CORRECTIONS" -> "/api/events/" + nid + "-summit/corrections";
            case "RETRACTION" -> "/api/events/" + nid + "-summit/retraction";
            case "DOCUMENTS" -> "/api/negotiations/" + nid + "/documents";
            case "VERSIONS" -> "/api/documents/" + nid + "-plan/versions";
            default -> name;
        };
    }

    private String events() {
        return "/api/negotiations/" + nid + "/events";
    }

    private String development(String id, String fields) {
        String body = "{\"eventId\": \"" + nid + "-" + id + "\", \"type\": \"MEETING\", \"occurred\": {\"value\": \"2026-01-06\"}, "
                + fields;
        if (!fields.contains("\"sources\"")) {
            body += ", \"sources\": [{\"outlet\": \"RFE/RL\"}]";
        }
        return body + "}";
    }

    private static String correction(String fields) {
        return "{\"set\": {" + fields + "}, \"reason\": \"r\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}";
    }

    private static String version(String lineage) {
        return "{\"label\": \"v " + UUID.randomUUID() + "\", \"occurred\": {\"value\": \"2026-01-06\"}, \"status\": \"DRAFT\", "
                + "\"provisions\": [{\"id\": \"p\", \"number\": \"1\", \"text\": \"x " + UUID.randomUUID() + "\", " + lineage + "}], "
                + "\"sources\": [{\"outlet\": \"RFE/RL\"}]}";
    }

    /** {@code depth} arrays inside each other around a number. */
    private static String nested(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    private RawHttp.Response post(String path, String body) throws IOException {
        return RawHttp.send(port, "POST", path, Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private long eventsStored() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }
}
