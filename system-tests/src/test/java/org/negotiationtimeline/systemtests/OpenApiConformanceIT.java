package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Both packaged services answer as docs/openapi.yaml says, on real data (the bundled Ukraine
 * dataset, plus writes of this test): every documented operation of each service is called, and
 * each answer's status must be one the document lists for it, its media type the one documented,
 * and its JSON body valid against the documented schema (JSON Schema 2020-12, networknt). The
 * bodies this test sends are checked against the documented request schemas too. Each service's
 * test ends by checking that it called every operation documented for that service with success.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiConformanceIT {

    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml");
    private static final String UKRAINE = "ukraine-peace-2025";
    private static final String NID = "openapi-conformance";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private JsonNode document;
    private TimelineSystem system;

    @BeforeAll
    void start() throws IOException {
        document = new YAMLMapper().readTree(DOCUMENT.toFile());
        system = TimelineSystem.withUkraineDataset(getClass().getSimpleName());
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void timeline_service_answers_every_documented_command_as_documented() {
        Set<String> succeeded = new TreeSet<>();
        SoftAssertions softly = new SoftAssertions();
        Checker timeline = new Checker("timeline-service", succeeded, softly);
        timeline.post("/api/negotiations", "/api/negotiations", """
                {"id": "openapi-conformance", "title": "Conformance talks", "description": "checked against the document"}""", 201);
        timeline.post("/api/negotiations", "/api/negotiations", """
                {"id": "openapi-conformance", "title": "Conformance talks"}""", 409);
        timeline.post("/api/negotiations", "/api/negotiations", """
                {"id": "Not A Slug", "title": ""}""", 400);
        timeline.anonymous().post("/api/negotiations", "/api/negotiations", """
                {"id": "openapi-anonymous", "title": "No token"}""", 401);
        String actors = "/api/negotiations/{nid}/actors";
        timeline.post(actors, "/api/negotiations/" + NID + "/actors", """
                {"id": "macron", "name": "Emmanuel Macron", "affiliation": "France", "kind": "PERSON"}""", 201);
        timeline.post(actors, "/api/negotiations/" + NID + "/actors", """
                {"id": "france", "name": "France", "kind": "STATE"}""", 201);
        timeline.post(actors, "/api/negotiations/" + NID + "/actors", """
                {"id": "russia", "name": "Russia", "kind": "STATE"}""", 201);
        timeline.post(actors, "/api/negotiations/no-such-negotiation/actors", """
                {"id": "macron", "name": "Emmanuel Macron", "kind": "PERSON"}""", 404);
        String events = "/api/negotiations/{nid}/events";
        timeline.post(events, "/api/negotiations/" + NID + "/events", """
                {"eventId": "conformance-statement", "type": "STATEMENT",
                 "occurred": {"value": "2026-01-06T11:00/2026-01-06T14:00", "text": "around midday", "zone": "Europe/Paris"},
                 "title": "Macron speaks", "summary": "A statement.", "actors": [{"id": "macron", "role": "SPEAKER"}],
                 "topics": ["security-guarantees"], "location": "Paris",
                 "sources": [{"outlet": "RFE/RL", "via": "Reuters", "published": "2026-01-06", "url": "https://example.org/a", "ref": "001"}],
                 "claims": [{"subject": "summit.countries", "value": {"moreThan": 30}}],
                 "quote": {"text": "We are ready", "verbatim": true}}""", 201);
        timeline.post(events, "/api/negotiations/" + NID + "/events", """
                {"eventId": "conformance-position", "type": "POSITION", "occurred": {"value": "2026-01"},
                 "title": "France supports guarantees", "actors": [{"id": "france", "role": "SUBJECT"}],
                 "position": {"holder": "france", "stance": "SUPPORTS", "on": "security-guarantees"},
                 "sources": [{"outlet": "RFE/RL"}]}""", 201);
        timeline.post(events, "/api/negotiations/" + NID + "/events", """
                {"type": "MEETING", "occurred": {"value": "2026-13-40"}, "title": "Bad date", "sources": [{"outlet": "x"}]}""", 400);
        timeline.post("/api/negotiations/{nid}/events/batch", "/api/negotiations/" + NID + "/events/batch", """
                {"events": [{"eventId": "conformance-meeting", "type": "MEETING", "occurred": {"value": "2026-01-05"},
                             "title": "Planners meet", "actors": [{"id": "france", "role": "HOST"}], "sources": [{"outlet": "RFE/RL"}]},
                            {"eventId": "conformance-sanctions", "type": "SANCTIONS", "occurred": {"value": "2026-01~"},
                             "title": "Sanctions planned", "sanctions": {"by": "france", "target": "russia", "status": "PLANNED"},
                             "sources": [{"outlet": "RFE/RL"}]}]}""", 201);
        timeline.post("/api/events/{eventId}/corrections", "/api/events/conformance-meeting/corrections", """
                {"set": {"occurred": {"value": "2026-01-05T10:00", "zone": "Europe/Paris"}, "title": "Planners meet in Paris"},
                 "reason": "the time was reported later", "sources": [{"outlet": "RFE/RL", "published": "2026-01-07"}]}""", 201);
        timeline.post("/api/events/{eventId}/corrections", "/api/events/no-such-event/corrections", """
                {"set": {"title": "x"}, "reason": "r", "sources": [{"outlet": "RFE/RL"}]}""", 404);
        timeline.post("/api/events/{eventId}/retraction", "/api/events/conformance-sanctions/retraction", """
                {"reason": "withdrawn", "sources": [{"outlet": "RFE/RL"}]}""", 201);
        timeline.post("/api/events/{eventId}/retraction", "/api/events/conformance-sanctions/retraction", """
                {"reason": "withdrawn again", "sources": [{"outlet": "RFE/RL"}]}""", 409);
        timeline.post("/api/negotiations/{nid}/documents", "/api/negotiations/" + NID + "/documents", """
                {"id": "conformance-plan", "title": "A plan", "kind": "PLAN"}""", 201);
        String versions = "/api/documents/{docId}/versions";
        timeline.post(versions, "/api/documents/conformance-plan/versions", """
                {"label": "first draft", "occurred": {"value": "2026-01-05"}, "status": "DRAFT", "textAvailable": "FULL",
                 "expectedVersion": 0,
                 "provisions": [{"id": "p1", "number": "1", "text": "A ceasefire along the line of contact", "topics": ["ceasefire"], "status": "OPEN"},
                                {"id": "p2", "number": "2", "text": "Security guarantees"}],
                 "sources": [{"outlet": "RFE/RL"}]}""", 201);
        timeline.post(versions, "/api/documents/conformance-plan/versions", """
                {"label": "second draft", "occurred": {"value": "2026-01-06"}, "status": "SUBJECT_TO_CHANGE",
                 "expectedVersion": 1,
                 "provisions": [{"id": "p1", "number": "1", "text": "A ceasefire along the current line of contact"},
                                {"id": "p3", "number": "2", "text": "Security guarantees by the coalition", "derivedFrom": ["p2"]}],
                 "sources": [{"outlet": "RFE/RL"}]}""", 201);
        timeline.post(versions, "/api/documents/conformance-plan/versions", """
                {"label": "stale", "occurred": {"value": "2026-01-07"}, "status": "DRAFT", "expectedVersion": 0,
                 "provisions": [{"id": "p9"}], "sources": [{"outlet": "RFE/RL"}]}""", 409);
        String status = "/api/documents/{docId}/provisions/{pid}/status";
        timeline.post(status, "/api/documents/conformance-plan/provisions/p1/status", """
                {"status": "AGREED", "by": "france", "occurred": {"value": "2026-01-07"}, "sources": [{"outlet": "RFE/RL"}]}""", 201);
        timeline.post(status, "/api/documents/conformance-plan/provisions/p42/status", """
                {"status": "AGREED", "occurred": {"value": "2026-01-07"}, "sources": [{"outlet": "RFE/RL"}]}""", 404);
        timeline.get("/actuator/health", "/actuator/health", 200);

        softly.assertThat(succeeded).as("operations called with success").containsExactlyInAnyOrderElementsOf(
                documentedOperations("timeline-service"));
        softly.assertAll();
    }

    @Test
    void projection_service_answers_every_documented_query_as_documented() throws Exception {
        Set<String> succeeded = new TreeSet<>();
        SoftAssertions softly = new SoftAssertions();
        Checker projection = new Checker("projection-service", succeeded, softly);
        // A corrected and a retracted development of the Ukraine negotiation, so amendments are read too.
        system.write("/api/events/rubio-unlikely-to-attend/corrections", """
                {"set": {"title": "Rubio unlikely to attend the Paris summit"}, "reason": "wording", "sources": [{"outlet": "RFE/RL"}]}""");
        system.write("/api/events/european-officials-same-page/retraction", """
                {"reason": "not confirmed", "sources": [{"outlet": "RFE/RL"}]}""");
        system.eventually().until(() -> system.get("/api/events/european-officials-same-page").json()
                .path("amendments").size() == 1 && system.get("/api/events/rubio-unlikely-to-attend").json()
                .path("amendments").size() == 1);

        String n = "/api/negotiations/" + UKRAINE;
        projection.get("/api/negotiations", "/api/negotiations", 200);
        projection.get("/api/negotiations", "/api/negotiations?limit=0", 400);
        projection.get("/api/negotiations/{nid}", n, 200);
        projection.get("/api/negotiations/{nid}", "/api/negotiations/no-such-negotiation", 404);
        projection.get("/api/negotiations/{nid}/actors", n + "/actors", 200);
        projection.get("/api/negotiations/{nid}/timeline", n + "/timeline", 200);
        projection.get("/api/negotiations/{nid}/timeline", n + "/timeline?includeRetracted=true&limit=3", 200);
        projection.get("/api/negotiations/{nid}/timeline", n + "/timeline?type=STATEMENT&actor=zelensky&knownAt=2030-01-01", 200);
        projection.get("/api/negotiations/{nid}/timeline", n + "/timeline?knwonAt=2026-01-06", 400);
        for (String at : new String[] {"2025-12-01", "2026-01-07"}) {
            projection.get("/api/negotiations/{nid}/state", n + "/state?at=" + at + "&knownAt=2030-01-01&limit=500", 200);
        }
        projection.get("/api/negotiations/{nid}/state", n + "/state?offset=-1", 400);
        projection.get("/api/negotiations/{nid}/export/timelinejs", n + "/export/timelinejs?includeRetracted=true", 200);
        projection.get("/api/negotiations/{nid}/export/csv", n + "/export/csv", 200);
        projection.get("/api/negotiations/{nid}/export/jsonl", n + "/export/jsonl", 200);
        projection.get("/api/negotiations/{nid}/export/jsonl", "/api/negotiations/no-such-negotiation/export/jsonl", 404);
        projection.get("/api/events/{eventId}", "/api/events/rubio-unlikely-to-attend", 200);
        projection.get("/api/events/{eventId}", "/api/events/european-officials-same-page", 200);
        projection.get("/api/events/{eventId}", "/api/events/no-such-event", 404);
        for (String document : new String[] {"us-28-point-plan", "20-point-framework", "paris-draft-joint-statement"}) {
            projection.get("/api/documents/{docId}/versions", "/api/documents/" + document + "/versions", 200);
            projection.get("/api/documents/{docId}/versions/{v}", "/api/documents/" + document + "/versions/1", 200);
        }
        projection.get("/api/documents/{docId}/versions", "/api/documents/no-such-document/versions", 404);
        projection.get("/api/documents/{docId}/versions/{v}", "/api/documents/paris-draft-joint-statement/versions/9", 404);
        projection.get("/api/compare", "/api/compare?from=us-28-point-plan@1&to=20-point-framework@1", 200);
        projection.get("/api/compare", "/api/compare?from=20-point-framework@1&to=paris-draft-joint-statement@1", 200);
        projection.get("/api/compare", "/api/compare?from=20-point-framework", 400);
        projection.get("/api/provisions/{docId}/{pid}/history", "/api/provisions/20-point-framework/donbas/history", 200);
        projection.get("/api/provisions/{docId}/{pid}/history",
                "/api/provisions/paris-draft-joint-statement/binding-commitments/history", 200);
        projection.get("/api/provisions/{docId}/{pid}/history", "/api/provisions/20-point-framework/nothing/history", 404);
        projection.stream("/api/stream?negotiation=" + UKRAINE + "&from=beginning");
        projection.get("/api/stream", "/api/stream?from=yesterday", 400);
        projection.get("/api/stream", "/api/stream?negotiation=no-such-negotiation", 404);
        projection.get("/actuator/health", "/actuator/health", 200);

        softly.assertThat(succeeded).as("operations called with success").containsExactlyInAnyOrderElementsOf(
                documentedOperations("projection-service"));
        softly.assertAll();
    }

    /** "METHOD /template" of every operation the document tags with the service. */
    private Set<String> documentedOperations(String service) {
        Set<String> operations = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey()) && op.getValue().path("tags").toString().contains("\"" + service + "\"")) {
                operations.add(op.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }

    /**
     * Calls one service and checks each answer against the document; every disagreement is
     * collected (soft assertions), so one run lists them all.
     */
    private final class Checker {
        private final String service;
        private final Set<String> succeeded;
        private final SoftAssertions softly;
        private final boolean withToken;

        Checker(String service, Set<String> succeeded, SoftAssertions softly) {
            this(service, succeeded, softly, true);
        }

        private Checker(String service, Set<String> succeeded, SoftAssertions softly, boolean withToken) {
            this.service = service;
            this.succeeded = succeeded;
            this.softly = softly;
            this.withToken = withToken;
        }

        Checker anonymous() {
            return new Checker(service, succeeded, softly, false);
        }

        private URI uri(String path) {
            ServiceProcess process = service.equals("timeline-service") ? system.timelineService() : system.projectionService();
            return process.uri(path);
        }

        void get(String template, String path, int expected) {
            check("get", template, send(HttpRequest.newBuilder(uri(path)).GET()), expected);
        }

        void post(String template, String path, String body, int expected) {
            JsonNode operation = operation("post", template);
            JsonNode requestSchema = operation.at("/requestBody/content/application~1json/schema");
            assertThat(requestSchema.isMissingNode()).as("request schema of POST %s", template).isFalse();
            if (expected / 100 == 2) {
                softly.assertThat(violations(requestSchema, read(body))).as("this test's body for POST %s against the document",
                        template).isEmpty();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (withToken) {
                request.header("Authorization", "Bearer " + system.writeToken());
            }
            check("post", template, send(request), expected);
        }

        /** The stream never ends: its status and media type are checked, and its first message read. */
        void stream(String path) throws IOException, InterruptedException {
            HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(uri(path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode documented = documentedResponse(operation("get", "/api/stream"), 200);
                String type = response.headers().firstValue("Content-Type").orElse("");
                assertThat(documented.path("content").has(mediaType(type))).as("GET /api/stream media type %s", type).isTrue();
                String line;
                do {
                    line = lines.readLine();
                } while (line != null && !line.startsWith("data:"));
                assertThat(line).as("a first message").isNotNull();
                assertThat(read(line.substring(5)).path("eventId").isTextual()).isTrue();
            }
            succeeded.add("GET /api/stream");
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void check(String method, String template, HttpResponse<String> response, int expected) {
            String call = method.toUpperCase() + " " + response.uri().getRawPath()
                    + (response.uri().getRawQuery() == null ? "" : "?" + response.uri().getRawQuery());
            if (response.statusCode() != expected) {
                softly.fail("%s answered %d, not %d: %s", call, response.statusCode(), expected, abbreviated(response.body()));
                return;
            }
            JsonNode operation = operation(method, template);
            softly.assertThat(operation.path("tags").toString()).as("%s is documented for %s", template, service).contains(service);
            JsonNode documented = documentedResponse(operation, response.statusCode());
            if (documented.isMissingNode()) {
                softly.fail("%s: status %d is not documented", call, response.statusCode());
                return;
            }
            String type = mediaType(response.headers().firstValue("Content-Type").orElse(""));
            JsonNode content = documented.path("content");
            if (!content.has(type)) {
                softly.fail("%s: media type %s is not documented (%s)", call, type, content);
                return;
            }
            JsonNode schema = content.get(type).path("schema");
            JsonNode body = type.endsWith("json") && !type.equals("application/jsonl") ? read(response.body())
                    : JSON.getNodeFactory().textNode(response.body());
            softly.assertThat(violations(schema, body)).as("%s: body against the document's schema; body: %s", call,
                    abbreviated(response.body())).isEmpty();
            if (expected / 100 == 2) {
                succeeded.add(method.toUpperCase() + " " + template);
            }
        }
    }

    private JsonNode operation(String method, String template) {
        JsonNode operation = document.path("paths").path(template).path(method);
        assertThat(operation.isMissingNode()).as("%s %s is in the document", method, template).isFalse();
        return operation;
    }

    /** The response object for a status, with a {@code $ref} to components/responses followed. */
    private JsonNode documentedResponse(JsonNode operation, int status) {
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.has("$ref")) {
            response = document.at(response.get("$ref").asText().substring(1));
        }
        return response;
    }

    /**
     * Messages of validating {@code value} against {@code schema}, the schema's {@code $ref}s
     * resolved in the document: the schema's keywords are laid over the document's root, where
     * {@code #/components/...} points.
     */
    private Set<String> violations(JsonNode schema, JsonNode value) {
        ObjectNode root = JSON.createObjectNode();
        root.set("components", document.get("components"));
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            root.set(field.getKey(), field.getValue());
        }
        return schemas.getSchema(root).validate(value).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String abbreviated(String body) {
        return body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
    }
}
