package org.negotiationtimeline.timeline.negotiation.api;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Where a write can be read back ({@code timeline.web.read-base-url}; docs/api.md, Read your
 * writes): this service only takes commands, so a 201's {@code Location} is an absolute URL of
 * projection-service, and names the write's position in {@code waitFor} so that following it at
 * once answers with the write in it. Every write also answers its position in
 * {@value #POSITION_HEADER}: {@code {negotiation}:{sequence}}, the sequence of the write's (last)
 * event in its negotiation's stream, which the views apply in order.
 *
 * @param readBaseUrl projection-service as clients reach it, e.g. {@code https://timeline.example.org}
 */
@ConfigurationProperties("timeline.web")
record ReadService(@DefaultValue("http://127.0.0.1:8081") URI readBaseUrl) { // the default of application.yml too

    static final String POSITION_HEADER = "Negotiation-Position";

    ReadService {
        String text = readBaseUrl.toString();
        if (!("http".equals(readBaseUrl.getScheme()) || "https".equals(readBaseUrl.getScheme()))
                || readBaseUrl.getHost() == null || readBaseUrl.getQuery() != null || readBaseUrl.getFragment() != null) {
            throw new IllegalArgumentException("timeline.web.read-base-url: '" + text
                    + "' is not an absolute http(s) URL without query or fragment");
        }
        readBaseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    static String position(String negotiationId, long sequence) {
        return negotiationId + ":" + sequence;
    }

    /** A 201 whose Location reads {@code path} on projection-service once it has applied the write. */
    ResponseEntity.BodyBuilder created(String path, String negotiationId, long sequence) {
        String position = position(negotiationId, sequence);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create(readBaseUrl + path + "?waitFor=" + position))
                .header(POSITION_HEADER, position);
    }
}
