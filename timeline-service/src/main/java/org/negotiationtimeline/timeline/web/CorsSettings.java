package org.negotiationtimeline.timeline.web;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which web pages may call this service from a browser ({@code timeline.web.cors.*};
 * docs/operations.md): the web app served by projection-service records developments here,
 * cross-origin. Empty: no cross-origin calls.
 *
 * @param allowedOrigins exact origins ({@code scheme://host[:port]}), no wildcards
 * @param maxAge         how long (seconds) a browser may reuse a preflight's answer
 */
@ConfigurationProperties("timeline.web.cors")
public record CorsSettings(
        @DefaultValue({"http://127.0.0.1:8081", "http://localhost:8081"}) List<String> allowedOrigins,
        @DefaultValue("600") long maxAge) {

    public CorsSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream().map(String::strip)
                .filter(origin -> !origin.isEmpty()).toList();
        for (String origin : allowedOrigins) {
            URI uri = URI.create(origin);
            boolean bare = uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty())
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null;
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || !bare) {
                throw new IllegalArgumentException("timeline.web.cors.allowed-origins: '" + origin
                        + "' is not an origin (scheme://host[:port], nothing after it)");
            }
        }
    }
}
