package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.eventIds;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When the view database fails, nothing consumed is lost or skipped: the batch is retried from
 * the stored positions, health is DOWN meanwhile, and the events arrive once the database is back.
 */
class DatabaseOutageTest extends ProjectionServiceTestBase {

    @Autowired
    private JdbcTemplate database;

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
