package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.Occurrence.betweenDays;
import static org.negotiationtimeline.projection.fixture.Occurrence.inMonth;
import static org.negotiationtimeline.projection.fixture.Occurrence.onDay;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.actorRegistered;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentCorrected;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRetracted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.ProjectionApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A timeline exported as TimelineJS JSON keeps each date's precision (a month has no day, a span
 * has an end, the source's words are shown), and as CSV gives one row per development with the
 * precision in its own column, quoted by RFC 4180 and safe to open in a spreadsheet.
 */
@TestPropertySource(properties = "projection.exports.allowed-origins=https://newsroom.example")
class ExportsTest extends ProjectionServiceTestBase {

    private static final String NID = "export-talks";
    private static final String DATASET_NID = "export-dataset";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @LocalServerPort
    int port;

    private void aTimeline() {
        topic.publish(negotiationStarted(NID).titled("Export talks").atSequence(0),
                developmentRecorded(NID, "plan-drafted").titled("A plan is drafted").occurred(inMonth("2025-11"))
                        .reportedBy(source("RFE/RL").via("Reuters").published("2025-11-20")).atSequence(1),
                developmentRecorded(NID, "weekend-talks").titled("Talks over the weekend")
                        .occurred(betweenDays("2026-01-03", "2026-01-04")).atSequence(2),
                developmentRecorded(NID, "summit").titled("=HYPERLINK(\"http://x\"), a \"summit\"")
                        .occurred(onDay("2026-01-06").saying("around midday")).atSequence(3));
        eventually(() -> assertThat(api.timeline(NID)).hasSize(3));
    }

    @Test
    void timelinejs_keeps_each_dates_precision_and_the_sources_words() throws Exception {
        aTimeline();
        JsonNode export = api.get("/api/negotiations/" + NID + "/export/timelinejs").ok();

        assertThat(export.at("/title/text/headline").asText()).isEqualTo("Export talks");
        List<JsonNode> events = List.copyOf(iterable(export.get("events")));
        assertThat(events).extracting(e -> e.path("unique_id").asText()).containsExactly("plan-drafted", "weekend-talks", "summit");
        JsonNode month = events.get(0);
        assertThat(month.path("start_date").path("month").asText()).isEqualTo("11");
        assertThat(month.path("start_date").has("day")).as("a month has no day").isFalse();
        assertThat(month.has("end_date")).isFalse();
        assertThat(month.at("/text/text").asText()).contains("RFE/RL (via Reuters), 2025-11-20");
        JsonNode weekend = events.get(1);
        assertThat(weekend.at("/start_date/day").asText()).isEqualTo("3");
        assertThat(weekend.at("/end_date/day").asText()).isEqualTo("4");
        JsonNode summit = events.get(2);
        assertThat(summit.path("display_date").asText()).isEqualTo("around midday (2026-01-06)");
        assertThat(summit.at("/text/headline").asText()).as("HTML-escaped").contains("&quot;summit&quot;");
    }

    @Test
    void csv_has_a_row_per_development_with_precision_apart_and_no_formulas() throws Exception {
        aTimeline();
        HttpResponse<String> csv = get("/api/negotiations/" + NID + "/export/csv", null);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("event_id,type,occurred_value,occurred_text,occurred_zone,earliest,latest,precision,title");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("plan-drafted,OTHER,2025-11,,,2025-11-01T00:00:00Z,").contains(",MONTH,");
        assertThat(lines.get(3)).contains("\"'=HYPERLINK(\"\"http://x\"\"), a \"\"summit\"\"\"")
                .contains(",around midday,").contains(",DAY,");
    }

    @Test
    void json_lines_are_the_requests_in_the_order_recorded_with_their_ids_and_without_derived_fields() throws Exception {
        // A negotiation of its own: the service (and its views) is shared by this class's tests.
        topic.publish(negotiationStarted(DATASET_NID).titled("Export talks").atSequence(0),
                actorRegistered(DATASET_NID, "macron").named("Emmanuel Macron").kind("PERSON").atSequence(1),
                developmentRecorded(DATASET_NID, "ds-summit").titled("Summit").occurred(onDay("2026-01-06").saying("around midday"))
                        .withActor("macron", "HOST").claiming("summit.countries", 35)
                        .reportedBy(source("RFE/RL")).atSequence(2).recordedAt("2026-01-07T09:00:00Z"),
                developmentRecorded(DATASET_NID, "ds-talks").titled("Talks").occurred(inMonth("2025-11")).atSequence(3)
                        .recordedAt("2026-01-07T09:01:00Z"),
                developmentCorrected(DATASET_NID, "ds-fix-1", "ds-summit").retitled("Paris summit").because("the city")
                        .atSequence(4).recordedAt("2026-01-07T10:00:00Z"),
                developmentRetracted(DATASET_NID, "ds-withdraw-1", "ds-talks").atSequence(5).recordedAt("2026-01-07T11:00:00Z"));
        eventually(() -> assertThat(api.timeline(DATASET_NID, ProjectionApi.Query.where("includeRetracted", "true")))
                .anySatisfy(item -> assertThat(item.path("retracted").asBoolean()).isTrue()));

        HttpResponse<String> export = get("/api/negotiations/" + DATASET_NID + "/export/jsonl", null);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("application/jsonl");
        List<JsonNode> lines = export.body().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(lines).extracting(l -> l.path("op").asText())
                .containsExactly("negotiation", "actor", "development", "development", "correction", "retraction");
        JsonNode summit = lines.get(2).get("body");
        assertThat(summit.path("eventId").asText()).isEqualTo("ds-summit");
        assertThat(summit.path("occurred").has("earliest")).as("derived bounds left out").isFalse();
        assertThat(summit.path("occurred").path("text").asText()).isEqualTo("around midday");
        assertThat(summit.has("recordedAt") || summit.has("corrected") || summit.has("retracted")).isFalse();
        assertThat(summit.at("/claims/0/value").asInt()).isEqualTo(35);
        JsonNode correction = lines.get(4);
        assertThat(correction.path("event").asText()).isEqualTo("ds-summit");
        assertThat(correction.path("id").asText()).isEqualTo("ds-fix-1");
        assertThat(correction.at("/body/set/title").asText()).isEqualTo("Paris summit");
        assertThat(correction.at("/body/reason").asText()).isEqualTo("the city");
        assertThat(lines.get(5).path("id").asText()).isEqualTo("ds-withdraw-1");

        HttpResponse<String> known = get("/api/negotiations/" + DATASET_NID + "/export/jsonl?knownAt=2026-01-07T10:30:00Z", null);
        assertThat(known.body().lines().map(line -> line.substring(0, line.indexOf(',')))).as("recorded by 10:30: not the retraction")
                .containsExactly("{\"op\":\"negotiation\"", "{\"op\":\"actor\"", "{\"op\":\"development\"",
                        "{\"op\":\"development\"", "{\"op\":\"correction\"");
    }

    @Test
    void exports_may_be_fetched_by_the_configured_origins_only() throws Exception {
        aTimeline();
        String path = "/api/negotiations/" + NID + "/export/timelinejs";
        assertThat(get(path, "https://newsroom.example").headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://newsroom.example");
        assertThat(get(path, "https://elsewhere.example").statusCode()).isEqualTo(403);
        assertThat(get("/api/negotiations/" + NID + "/timeline", "https://newsroom.example").headers()
                .firstValue("Access-Control-Allow-Origin")).as("only the exports").isEmpty();
    }

    private HttpResponse<String> get(String path, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
