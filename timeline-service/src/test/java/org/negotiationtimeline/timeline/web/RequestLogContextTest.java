package org.negotiationtimeline.timeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

class RequestLogContextTest {

    private final RequestLogContext context = new RequestLogContext();
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void the_paths_ids_are_in_the_log_context_while_the_request_is_handled_and_gone_after() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/documents/plan/versions");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("docId", "plan", "nid", "talks"));
        MDC.put("unrelated", "kept");

        context.preHandle(request, response, new Object());
        assertThat(MDC.get("document")).isEqualTo("plan");
        assertThat(MDC.get("negotiation")).isEqualTo("talks");
        assertThat(MDC.get("eventId")).isNull();

        context.afterCompletion(request, response, new Object(), null);
        assertThat(MDC.get("document")).isNull();
        assertThat(MDC.get("negotiation")).isNull();
        assertThat(MDC.get("unrelated")).as("only its own keys").isEqualTo("kept");
    }

    @Test
    void a_hostile_long_id_is_cut() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/events/x/corrections");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("eventId", "e".repeat(10_000)));
        context.preHandle(request, response, new Object());
        assertThat(MDC.get("eventId")).hasSize(128);
    }
}
