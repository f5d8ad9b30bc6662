package org.negotiationtimeline.timeline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem types of this API. Type URIs are URNs: stable names, not pages to fetch; each
 * is described in docs/api.md.
 */
public final class Problems {

    public static final URI VALIDATION = type("validation");
    public static final URI UNAUTHORIZED = type("unauthorized");
    public static final URI NOT_FOUND = type("not-found");
    public static final URI CONFLICT = type("conflict");
    public static final URI TOO_LARGE = type("payload-too-large");
    public static final URI UNAVAILABLE = type("unavailable");

    private Problems() {
    }

    private static URI type(String name) {
        return URI.create("urn:negotiation-timeline:problem:" + name);
    }

    public static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail validation(String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** For filters, which run before Spring MVC's exception handling. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ObjectMapper json,
                             ProblemDetail problem) throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(instance(request));
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * The request's path as {@code instance}: the raw URI (a relative reference) cut at a sane
     * length; none when the raw path is not a valid URI, as some that the firewall refuses are not.
     */
    public static URI instance(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path == null || path.isEmpty()) {
            return null;
        }
        String bounded = path.length() > 512 ? path.substring(0, 512) : path;
        try {
            return URI.create(bounded);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
