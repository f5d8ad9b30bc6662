package org.negotiationtimeline.projection.pages;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web app's settings ({@code projection.web.*}; docs/operations.md).
 *
 * @param timelineUrl where the browser reaches timeline-service to record (the Record form posts there,
 *                    cross-origin: timeline-service must allow this service's origin,
 *                    {@code timeline.web.cors.allowed-origins})
 */
@ConfigurationProperties("projection.web")
public record PageSettings(@DefaultValue("http://127.0.0.1:8080") String timelineUrl) {

    public PageSettings {
        URI uri;
        try {
            uri = URI.create(timelineUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("projection.web.timeline-url is not a URL: " + timelineUrl, e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("projection.web.timeline-url must be an http(s) URL: " + timelineUrl);
        }
        // The page appends /api/… itself.
        timelineUrl = uri.toString().replaceAll("/+$", "");
    }

    /** The origin part (scheme, host, port), for the page's Content-Security-Policy. */
    String timelineOrigin() {
        URI uri = URI.create(timelineUrl);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
