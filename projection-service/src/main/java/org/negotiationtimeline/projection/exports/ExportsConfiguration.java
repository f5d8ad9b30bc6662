package org.negotiationtimeline.projection.exports;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Exports may be fetched by pages of other sites (a newsroom embedding TimelineJS): the origins
 * allowed to, by {@code projection.exports.allowed-origins} (comma-separated; empty: none, the
 * browser's same-origin rule alone). GET only; no credentials.
 */
@Configuration(proxyBeanMethods = false)
class ExportsConfiguration implements WebMvcConfigurer {

    private final List<String> origins;

    ExportsConfiguration(@Value("${projection.exports.allowed-origins:}") List<String> origins) {
        this.origins = origins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!origins.isEmpty()) {
            registry.addMapping("/api/negotiations/*/export/**")
                    .allowedOrigins(origins.toArray(String[]::new))
                    .allowedMethods("GET", "HEAD")
                    .allowCredentials(false);
        }
    }
}
