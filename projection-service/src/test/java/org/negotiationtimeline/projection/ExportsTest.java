package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.Occurrence.betweenDays;
import static org.negotiationtimeline.projection.fixture.Occurrence.inMonth;
import static org.negotiationtimeline.projection.fixture.Occurrence.onDay;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
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
