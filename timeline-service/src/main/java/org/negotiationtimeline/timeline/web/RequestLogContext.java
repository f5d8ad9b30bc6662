package org.negotiationtimeline.timeline.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Puts what a request's path names — its negotiation, event and document — into the logging
 * context (MDC) while it is handled, so every line logged for it carries them: as fields of their
 * own in structured logs ({@code logging.structured.format.console=ecs}; docs/operations.md,
 * Logs). Limits: only ids in the path; a development's {@code eventId} from its body, or the
 * negotiation that {@code /api/events/{eventId}/…} resolves to, are not in it.
 */
final class RequestLogContext implements HandlerInterceptor {

    /** Path variable → MDC key. */
    static final Map<String, String> KEYS = Map.of("nid", "negotiation", "eventId", "eventId", "docId", "document");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            KEYS.forEach((variable, key) -> {
                if (variables.get(variable) instanceof String value) {
                    MDC.put(key, value.length() <= 128 ? value : value.substring(0, 128));
                }
            });
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        KEYS.values().forEach(MDC::remove);
    }
}
