package org.negotiationtimeline.projection.web;

import org.negotiationtimeline.projection.consuming.CommitBarrier;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A read's answer is written only once what it read is durable ({@link CommitBarrier}): on H2 a
 * read can see the consumer's batch a moment before that batch is in the file, and an answer sent
 * in that moment would show developments that a crash then takes back (until the consumer applies
 * them again from the topic). Runs after the controller has queried, before the body is written.
 *
 * <p>Limits: bodies written by a controller itself (the CSV export, the SSE stream) are not covered
 * here; the stream bounds what it reads by a durable head of its own.
 */
@ControllerAdvice
class DurableAnswers implements ResponseBodyAdvice<Object> {

    private final CommitBarrier durable;

    DurableAnswers(CommitBarrier durable) {
        this.durable = durable;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                                  Class<? extends HttpMessageConverter<?>> selectedConverterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        // A problem shows nothing of the views (and when the database is down, the barrier would fail too).
        boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (read && !(body instanceof ProblemDetail)) {
            durable.await();
        }
        return body;
    }
}
