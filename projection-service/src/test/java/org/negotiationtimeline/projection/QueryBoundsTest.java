package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.negotiationtimeline.projection.fixture.ProjectionApi.Reply;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Hostile or careless query input on the real embedded Tomcat: each is a 4xx problem naming what is
 * wrong, with the request path as instance, and none leaves a stack trace in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class QueryBoundsTest extends ProjectionServiceTestBase {

    private static final String KNOWN = "bounds-negotiation";

    @BeforeAll
    static void startNegotiation() {
        topic.publish(negotiationStarted(KNOWN).atSequence(0));
    }

    @BeforeEach
    void negotiationIsProjected() {
        eventually(() -> api.negotiation(KNOWN));
    }

    @ParameterizedTest(name = "{0}?{1}={2}")
    @CsvSource({
            "/timeline, from, 0000-12-31",
            "/timeline, to, 10000-01-01T00:00:00Z",
            "/timeline, knownAt, +10000-01-01T00:00:00Z",
            "/timeline, from, -0001-01-01T00:00:00Z",
            "/state, at, 0000-01-01",
            "/state, knownAt, 9999-12-31T23:59:59-01:00",
            "/state, at, +999999999-12-31T23:59:59Z",
            "/state, limit, 0",
            "/state, limit, 501",
            "/state, limit, abc",
            "/state, limit, 99999999999",
            "/state, offset, -1",
            "/state, offset, 10001",
            "/timeline, includeRetracted, perhaps",
            "/timeline, limit, 0",
            "/timeline, limit, 501",
            "/timeline, cursor, not-a-cursor",
            "/timeline, cursor, AAAA",
    })
    void out_of_range_values_are_400_problems_naming_the_parameter(String endpoint, String parameter, String value) {
        String path = "/api/negotiations/" + KNOWN + endpoint;
        JsonNode problem = problem(api.get(path + "?" + parameter + "=" + value.replace("+", "%2B")), 400);

        assertThat(problem.path("type").asText()).isEqualTo("urn:negotiation-timeline:problem:validation");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo(parameter);
        assertThat(problem.path("instance").asText()).isEqualTo(path);
    }

    @Test
    void the_bounds_themselves_are_accepted() {
        String state = "/api/negotiations/" + KNOWN + "/state";
        api.get(state + "?at=0001-01-01&knownAt=9999-12-31&limit=500&offset=10000").ok();
        api.get("/api/negotiations/" + KNOWN + "/timeline?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z&limit=500").ok();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/negotiations?knwonAt=2026-01-01|knwonAt",
            "/api/negotiations/" + KNOWN + "?x=1|x",
            "/api/negotiations/" + KNOWN + "/timeline?type=MEETING&knwonAt=2026-01-01|knwonAt",
            "/api/negotiations/" + KNOWN + "/state?at=2026-01-01&since=2026-01-01|since",
            "/api/negotiations/" + KNOWN + "/actors?limit=1&offset=2|limit",
            "/api/events/some-event?verbose|verbose",
            "/api/documents/plan/versions?all=true|all",
            "/api/compare?from=plan@1&to=plan@2&mode=chars|mode",
            "/api/provisions/plan/p1/history?depth=3|depth",
    })
    void an_unknown_parameter_is_a_400_problem_naming_it(String request, String parameter) {
        JsonNode problem = problem(api.get(request), 400);

        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo(parameter);
        assertThat(problem.path("detail").asText()).contains("not a parameter");
        assertThat(problem.path("instance").asText()).isEqualTo(request.substring(0, request.indexOf('?')));
    }

    @Test
    void a_ten_thousand_character_id_is_a_problem_not_an_html_page_nor_a_stack_trace(CapturedOutput log) {
        String id = "a".repeat(10_000);
        for (String path : new String[] {"/api/negotiations/" + id, "/api/negotiations/" + id + "/timeline",
                "/api/events/" + id, "/api/documents/" + id + "/versions", "/api/provisions/plan/" + id + "/history"}) {
            Reply reply = api.get(path);

            assertThat(reply.status()).as(path.substring(0, 30)).isIn(400, 404, 414, 431);
            assertThat(reply.contentType()).as(reply.body()).startsWith("application/problem+json");
            assertThat(reply.json().path("status").asInt()).isEqualTo(reply.status());
            // Tomcat refuses a request line over 8 KB before reading its path: the instance then names the occurrence.
            assertThat(reply.json().path("instance").asText()).satisfiesAnyOf(
                    instance -> assertThat(instance).startsWith(path.substring(0, 20)),
                    instance -> assertThat(instance).startsWith("urn:uuid:"));
        }
        Reply huge = api.get("/api/negotiations/" + "b".repeat(100_000));
        assertThat(huge.contentType()).as(huge.body()).startsWith("application/problem+json");
        assertThat(huge.status()).isBetween(400, 499);
        assertThat(log.getAll()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api;x=1/negotiations", "/api/negotiations;jsessionid=1", "/api/negotiations/a%2Fb", "/api/negotiations/a%3Bb"})
    void a_suspicious_path_is_a_400_problem(String path) {
        Reply reply = api.get(path);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("instance").asText()).isNotBlank();
    }

    @Test
    void an_unknown_path_is_a_404_problem_with_its_instance() {
        JsonNode problem = problem(api.get("/api/nothing-here"), 404);

        assertThat(problem.path("instance").asText()).isEqualTo("/api/nothing-here");
    }

    @Test
    void a_wrong_method_is_a_405_problem_from_the_dispatcher_and_from_the_stream_servlet() throws Exception {
        for (String path : new String[] {"/api/negotiations", "/api/stream"}) {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.base() + path))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(reply.statusCode()).as(path).isEqualTo(405);
            assertThat(reply.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            assertThat(reply.body()).contains("\"instance\":\"" + path + "\"").contains("\"status\":405");
        }
    }

    private static JsonNode problem(Reply reply, int status) {
        assertThat(reply.status()).as("status of %s (body %s)", reply.request(), reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }
}
