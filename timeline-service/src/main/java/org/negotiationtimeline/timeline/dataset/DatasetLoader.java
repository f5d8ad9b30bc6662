package org.negotiationtimeline.timeline.dataset;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.negotiationtimeline.timeline.web.WriteToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Loads the configured dataset ({@code timeline.dataset}, by default the bundled Ukraine
 * peace-process dataset) once the service is ready, through its own HTTP API. Loading is
 * idempotent, so after the first start every line is recognised and nothing is stored twice.
 * Set {@code TIMELINE_DATASET} empty to load nothing.
 */
@Component
class DatasetLoader {

    private static final Logger log = LoggerFactory.getLogger(DatasetLoader.class);

    private final String location;
    private final ResourceLoader resources;
    private final WriteToken token;

    DatasetLoader(@Value("${timeline.dataset:}") String location, ResourceLoader resources, WriteToken token) {
        this.location = location;
        this.resources = resources;
        this.token = token;
    }

    @EventListener
    void onReady(ApplicationReadyEvent ready) {
        if (location.isBlank()) {
            return;
        }
        Resource dataset = resources.getResource(location);
        String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(dataset.getInputStream(), StandardCharsets.UTF_8))) {
            DatasetUpload.Result result = new DatasetUpload(URI.create("http://127.0.0.1:" + port), token.value())
                    .upload(location, lines);
            log.info("Dataset {}: {} lines stored, {} already present", location, result.stored(), result.alreadyPresent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The service stays up: what was loaded is kept, and a restart resumes idempotently.
            log.error("Loading dataset {} stopped: {}", location, e.getMessage());
        }
    }
}
