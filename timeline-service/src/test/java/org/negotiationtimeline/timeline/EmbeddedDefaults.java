package org.negotiationtimeline.timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The properties every service test starts with: its own data directory (event store and Kafka
 * log together), a write token, the embedded broker on free ports, and no dataset loaded. Each
 * test's {@code @DynamicPropertySource} adds only what it is about.
 */
public final class EmbeddedDefaults {

    private EmbeddedDefaults() {
    }

    public static void register(DynamicPropertyRegistry registry, String dataDirPrefix, String token) throws IOException {
        Path dataDir = Files.createTempDirectory(dataDirPrefix);
        registry.add("timeline.data-dir", dataDir::toString);
        registry.add("timeline.write-token", () -> token);
        registry.add("timeline.kafka.embedded.port", () -> 0);
        registry.add("timeline.kafka.embedded.controller-port", () -> 0);
        registry.add("timeline.dataset", () -> "");
    }
}
