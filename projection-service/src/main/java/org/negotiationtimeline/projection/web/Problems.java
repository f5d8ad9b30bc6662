package org.negotiationtimeline.projection.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.web.util.UriComponentsBuilder;

/** What every problem of this service shares. */
final class Problems {

    /** Longest request path echoed as a problem's {@code instance}: a hostile path is not sent back whole. */
    private static final int MAX_INSTANCE = 512;

    private Problems() {
    }

    /** The problem type of a status this service answers without a handler of its own (docs/api.md). */
    static URI type(int status) {
        String type = switch (status) {
            case 400, 414, 431 -> "validation";
            case 401 -> "unauthorized";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "payload-too-large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "unavailable" : null;
        };
        return type == null ? URI.create("about:blank") : URI.create("urn:negotiation-timeline:problem:" + type);
    }

    /** The request path, as the client sent it (still percent-encoded), as a relative URI reference. */
    static URI instance(HttpServletRequest request) {
        return instance(request.getRequestURI());
    }

    static URI instance(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        if (path.length() > MAX_INSTANCE) {
            path = path.substring(0, MAX_INSTANCE);
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            // Tomcat lets a few characters through that URI refuses; encode them.
            return UriComponentsBuilder.fromPath(path).encode().build().toUri();
        }
    }
}
