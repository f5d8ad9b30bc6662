package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.negotiationtimeline.projection.fixture.ProjectionApi.Reply;

/** Bad query input is answered with an RFC 9457 problem (application/problem+json). */
class QueryProblemsTest extends ProjectionServiceTestBase {

    private static final String KNOWN = "known-negotiation";

    @BeforeAll
    static void startNegotiation() {
        topic.publish(negotiationStarted(KNOWN).atSequence(0));
    }

    @BeforeEach
    void negotiationIsProjected() {
        eventually(() -> api.negotiation(KNOWN));
    }

    @Test
    void an_unknown_negotiation_is_a_404_problem() {
        for (String path : new String[] {"/api/negotiations/never-tracked", "/api/negotiations/never-tracked/timeline"}) {
            Reply reply = api.get(path);

            JsonNode problem = problem(reply, 404);
            assertThat(problem.path("type").asText()).isEqualTo("urn:negotiation-timeline:problem:not-found");
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).contains("never-tracked");
        }
    }

    @Test
    void an_unknown_type_is_a_400_problem_naming_type() {
        Reply reply = api.get("/api/negotiations/" + KNOWN + "/timeline?type=MEETING&type=NOPE");

        JsonNode problem = problem(reply, 400);
        assertThat(problem.path("type").asText()).isEqualTo("urn:negotiation-timeline:problem:validation");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("type");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("MEETING");
    }

    @Test
    void a_from_that_is_not_a_date_is_a_400_problem_naming_from() {
        Reply reply = api.get("/api/negotiations/" + KNOWN + "/timeline?from=yesterday");

        JsonNode problem = problem(reply, 400);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("from");
        assertThat(problem.path("detail").asText()).contains("from");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"to, 2026-13-45", "knownAt, tomorrow", "from, 2026-01-06T12:00", "zone, Mars/Olympus"})
    void other_unreadable_times_are_400_problems_naming_the_parameter(String parameter, String value) {
        Reply reply = api.get("/api/negotiations/" + KNOWN + "/timeline?" + parameter + "=" + value);

        JsonNode problem = problem(reply, 400);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo(parameter);
    }

    private static JsonNode problem(Reply reply, int status) {
        assertThat(reply.status()).as("status of %s (body %s)", reply.request(), reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }
}
