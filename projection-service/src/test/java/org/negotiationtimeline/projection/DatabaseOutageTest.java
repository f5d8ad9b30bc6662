package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.eventIds;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * When the view database fails, nothing consumed is lost or skipped: the batch is retried from
 * the stored positions, health is DOWN meanwhile, and the events arrive once the database is back.
 */
class DatabaseOutageTest extends ProjectionServiceTestBase {

    /** While on, the views' database refuses every new connection, as a database that is down does. */
    private static final AtomicBoolean OUTAGE = new AtomicBoolean();
    private static final AtomicInteger REFUSED = new AtomicInteger();

    @TestConfiguration
    static class RefusingDatabase {
        @Bean
        static BeanPostProcessor refuseConnectionsDuringOutage() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? new DelegatingDataSource(dataSource) {
                        @Override
                        public Connection getConnection() throws SQLException {
                            if (OUTAGE.get()) {
                                REFUSED.incrementAndGet();
                                throw new SQLTransientConnectionException("connection refused (test outage)");
                            }
                            return super.getConnection();
                        }
                    } : bean;
                }
            };
        }
    }

    @Autowired
    private JdbcTemplate database;

    @Autowired
    @Qualifier("projectionHealth")
    private HealthIndicator projectionHealth;

    @Test
    void an_outage_mid_stream_turns_health_down_and_the_views_then_catch_up_exactly_once() throws Exception {
        String nid = "mid-stream-outage";
        int developments = 200;
        List<String> ids = IntStream.range(0, developments).mapToObj(i -> "outage-" + i).toList();
        topic.publish(negotiationStarted(nid).atSequence(0));
        for (int i = 0; i < 20; i++) {
            topic.publish(developmentRecorded(nid, ids.get(i)).atSequence(i + 1));
        }
        eventually(() -> assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(20));

        // The database goes away while the rest arrive: the consumer has records to apply during the
        // outage however fast it was before (published first, they could all be applied already).
        OUTAGE.set(true);
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 20; i < developments; i++) {
                topic.publish(developmentRecorded(nid, ids.get(i)).atSequence(i + 1));
            }
        });
        long outageStarted = System.nanoTime();
        int refusedBefore = REFUSED.get();
        eventually(() -> assertThat(projectionHealth.health().getStatus()).isEqualTo(Status.DOWN));
        // Long enough that the consumer also fails to find its stored positions, not only to apply.
        eventually(() -> assertThat(REFUSED.get() - refusedBefore).isGreaterThanOrEqualTo(8));
        publishing.get();
        OUTAGE.set(false);
        long outageEnded = System.nanoTime();

        eventually(() -> assertThat(eventIds(api.timeline(nid))).hasSize(developments));
        System.out.printf("[projection] database outage of %d ms (%d connections refused); all %d developments in the "
                        + "views %d ms after it ended%n", (outageEnded - outageStarted) / 1_000_000, REFUSED.get() - refusedBefore,
                developments, (System.nanoTime() - outageEnded) / 1_000_000);
        assertThat(eventIds(api.timeline(nid))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(developments);
        eventually(() -> assertThat(projectionHealth.health().getStatus()).isEqualTo(Status.UP));
        assertThat(api.get("/actuator/health").json().path("status").asText()).isEqualTo("UP");
        assertThat(database.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
    }

    @Test
    void a_failing_database_holds_the_batch_reports_down_and_loses_nothing() {
        topic.publish(negotiationStarted("before-outage").atSequence(0));
        eventually(() -> assertThat(api.get("/api/negotiations/before-outage").status()).isEqualTo(200));

        // The table every DevelopmentRecorded writes to disappears: each attempt fails in the database.
        database.execute("ALTER TABLE development_version RENAME TO development_version_away");
        topic.publish(developmentRecorded("before-outage", "during-outage").atSequence(1));

        eventually(() -> assertThat(api.get("/actuator/health").json().path("status").asText()).isEqualTo("DOWN"));
        assertThat(database.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class))
                .as("a database failure is retried, not parked").isZero();

        database.execute("ALTER TABLE development_version_away RENAME TO development_version");

        eventually(() -> assertThat(eventIds(api.timeline("before-outage"))).containsExactly("during-outage"));
        eventually(() -> assertThat(api.get("/actuator/health").json().path("status").asText()).isEqualTo("UP"));
    }
}
