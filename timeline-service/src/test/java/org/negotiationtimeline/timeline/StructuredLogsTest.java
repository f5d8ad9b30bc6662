package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A line logged while a request is handled carries the negotiation and event its path names: the
 * log context (MDC) holds them on the request's thread, which structured logs
 * ({@code logging.structured.format.console=ecs}) print as fields of their own. The JSON rendering
 * itself is Spring Boot's: Logback is configured once per test JVM, so it is not switched here.
 */
@Import(StructuredLogsTest.Probe.class)
class StructuredLogsTest extends ServiceTestBase {

    /** Answers the log context as the handler's code sees it. */
    @TestConfiguration
    @RestController
    static class Probe {
        @PostMapping("/api/negotiations/{nid}/log-probe/{eventId}")
        Map<String, String> probe(@PathVariable("nid") String nid, @PathVariable("eventId") String eventId) {
            Map<String, String> context = MDC.getCopyOfContextMap();
            return context == null ? Map.of() : context;
        }
    }

    @Test
    void a_request_handler_logs_with_its_negotiation_and_event_in_the_log_context() throws Exception {
        HttpResponse<String> first = post("/api/negotiations/logged-talks/log-probe/logged-event", TOKEN, "{}");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(body(first).path("negotiation").asText()).isEqualTo("logged-talks");
        assertThat(body(first).path("eventId").asText()).isEqualTo("logged-event");

        HttpResponse<String> second = post("/api/negotiations/other-talks/log-probe/other-event", TOKEN, "{}");
        assertThat(body(second).path("negotiation").asText()).as("each request its own").isEqualTo("other-talks");
    }
}
