package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * On request ({@code logging.structured.format.console=ecs}) the log is JSON, one object a line,
 * and a line logged while a request is handled carries the negotiation and event its path names.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
@Import(StructuredLogsTest.Probe.class)
class StructuredLogsTest extends ServiceTestBase {

    /** Logs one line inside a request, as any handler's code would. */
    @TestConfiguration
    @RestController
    static class Probe {
        @PostMapping("/api/negotiations/{nid}/log-probe/{eventId}")
        String probe(@PathVariable("nid") String nid, @PathVariable("eventId") String eventId) {
            LoggerFactory.getLogger(Probe.class).warn("probe inside a request");
            return "logged";
        }
    }

    @Test
    void a_line_logged_inside_a_request_names_its_negotiation_and_event(CapturedOutput output) throws Exception {
        assertThat(post("/api/negotiations/logged-talks/log-probe/logged-event", TOKEN, "{}").statusCode()).isEqualTo(200);

        List<JsonNode> lines = output.getOut().lines().filter(line -> line.startsWith("{"))
                .map(StructuredLogsTest::json).toList();
        assertThat(lines).as("the log is JSON").isNotEmpty();
        JsonNode probe = lines.stream().filter(line -> line.path("message").asText().equals("probe inside a request"))
                .findFirst().orElseThrow();
        assertThat(probe.path("negotiation").asText()).isEqualTo("logged-talks");
        assertThat(probe.path("eventId").asText()).isEqualTo("logged-event");
        assertThat(probe.path("log").path("level").asText()).isEqualTo("WARN");
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
