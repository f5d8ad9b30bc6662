package org.negotiationtimeline.timeline.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.timeline.TimelineApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An event store created before migrations existed — by Hibernate's {@code ddl-auto=update}, and
 * with the global index sequence still stepping by 50 as the first stores did — is taken over by
 * Flyway: baselined at version 1, repaired by version 2, validated by Hibernate, and everything in
 * it is still there. On H2 (the embedded default) and on PostgreSQL (production).
 */
class EventStoreMigrationTest {

    private static final String TOKEN = "event-store-migration-" + UUID.randomUUID();
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    @Test
    void an_h2_store_from_before_migrations_is_baselined_repaired_and_kept() throws Exception {
        Path dataDir = Files.createTempDirectory("timeline-migration-h2");
        String url = "jdbc:h2:file:" + dataDir.resolve("timeline/eventstore") + ";DB_CLOSE_ON_EXIT=FALSE";
        takeOver(dataDir, url, "\"DOMAIN_EVENT_ENTRY_SEQ\"",
                "SELECT INCREMENT FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = 'DOMAIN_EVENT_ENTRY_SEQ'");
    }

    @Test
    void a_postgresql_store_from_before_migrations_is_baselined_repaired_and_kept() throws Exception {
        String database = "timeline_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + database);
        try {
            takeOver(Files.createTempDirectory("timeline-migration-pg"), POSTGRES + database, "domain_event_entry_seq",
                    "SELECT increment_by FROM pg_sequences WHERE sequencename = 'domain_event_entry_seq'");
        } finally {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void takeOver(Path dataDir, String url, String sequence, String incrementQuery) throws Exception {
        try (ConfigurableApplicationContext before = start(dataDir, url, "--spring.flyway.enabled=false",
                "--spring.jpa.hibernate.ddl-auto=update")) {
            assertThat(createNegotiation(before, "from-before-migrations")).isEqualTo(201);
            JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
            // The first stores were created before orm.xml set the global index's allocation to 1.
            jdbc.execute("ALTER SEQUENCE " + sequence + " INCREMENT BY 50");
            assertThat(jdbc.queryForObject(incrementQuery, Long.class)).isEqualTo(50);
        }

        try (ConfigurableApplicationContext after = start(dataDir, url)) {
            JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
            List<String> history = jdbc.queryForList(
                    "SELECT \"version\" || ':' || \"type\" || ':' || \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"",
                    String.class);
            assertThat(history).containsExactly("1:BASELINE:" + truth(jdbc), "2:SQL:" + truth(jdbc));
            assertThat(jdbc.queryForObject(incrementQuery, Long.class)).as("repaired by V2").isEqualTo(1);
            assertThat(createNegotiation(after, "from-before-migrations")).as("still there").isEqualTo(409);
            assertThat(createNegotiation(after, "after-migrations")).isEqualTo(201);
        }
    }

    /** How the database prints a true boolean concatenated to text. */
    private static String truth(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT '' || (1 = 1)", String.class);
    }

    private static ConfigurableApplicationContext start(Path dataDir, String url, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--timeline.data-dir=" + dataDir,
                "--timeline.dataset=", "--timeline.write-token=" + TOKEN, "--timeline.kafka.embedded.port=0",
                "--timeline.kafka.embedded.controller-port=0", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + (url.startsWith(POSTGRES) ? "postgres" : "sa")));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(TimelineApplication.class).run(args.toArray(String[]::new));
    }

    private static int createNegotiation(ConfigurableApplicationContext context, String id) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/negotiations"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"" + id + "\", \"title\": \"t\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static void admin(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
