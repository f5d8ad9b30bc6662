package org.negotiationtimeline.timeline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.timeline.EmbeddedDefaults;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The event store out of reach is a 503 with {@code Retry-After}, not a 500, and writes work again
 * once it is back: on a throwaway database of the PostgreSQL server at 127.0.0.1:5432 (the
 * production store), made to refuse connections and its sessions ended.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventStoreOutageTest {

    private static final String TOKEN = "event-store-outage-test-" + UUID.randomUUID();
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "timeline_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) throws IOException, SQLException {
        admin("CREATE DATABASE " + DATABASE);
        EmbeddedDefaults.register(registry, "timeline-outage-test", TOKEN);
        registry.add("spring.datasource.url", () -> SERVER + DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @LocalServerPort
    int port;

    @Test
    void a_write_while_the_event_store_is_unreachable_is_503_with_retry_after_and_writes_resume() throws Exception {
        assertThat(create("before-outage").status()).isEqualTo(201);

        admin("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
        RawHttp.Response during;
        try {
            during = create("during-outage");
        } finally {
            admin("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
        }

        assertThat(during.status()).as(during.toString()).isEqualTo(503);
        assertThat(during.header("retry-after")).isNotBlank();
        assertThat(JSON.readTree(during.body()).get("type").asText()).isEqualTo("urn:negotiation-timeline:problem:unavailable");
        // The pool replaces its dead connections within moments; the refused write stored nothing.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(create("during-outage").status()).isEqualTo(201));
    }

    private RawHttp.Response create(String id) throws IOException {
        return RawHttp.send(port, "POST", "/api/negotiations", Map.of("Authorization", "Bearer " + TOKEN,
                "Content-Type", "application/json"), ("{\"id\": \"" + id + "\", \"title\": \"t\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
