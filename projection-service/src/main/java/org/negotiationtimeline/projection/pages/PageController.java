package org.negotiationtimeline.projection.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The web app's page routes, all answered by one HTML shell; the ES modules under {@code /app/}
 * (static resources) read the route from the address and call the public JSON API. The shell carries
 * where timeline-service is (a meta tag), so the page needs no extra request before its first render.
 * These routes are HTML for people, not part of the JSON API (docs/openapi.yaml leaves them out).
 */
@Controller
@EnableConfigurationProperties(PageSettings.class)
public class PageController {

    private final String shell;
    private final String securityPolicy;

    PageController(PageSettings settings) {
        try (InputStream in = new ClassPathResource("pages/shell.html").getInputStream()) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            shell = template.replace("__TIMELINE_URL__", HtmlUtils.htmlEscape(settings.timelineUrl()));
        } catch (IOException e) {
            throw new UncheckedIOException("the web app's shell (pages/shell.html) is missing", e);
        }
        // Only this service's own scripts and styles; writes go to timeline-service, nowhere else.
        securityPolicy = "default-src 'self'; connect-src 'self' " + settings.timelineOrigin()
                + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";
    }

    @GetMapping(path = {"/", "/n/{nid}", "/n/{nid}/state", "/d/{docId}", "/record"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", securityPolicy)
                .header("X-Content-Type-Options", "nosniff")
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(shell);
    }
}
