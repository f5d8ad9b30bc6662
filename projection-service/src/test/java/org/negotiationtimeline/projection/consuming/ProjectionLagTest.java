package org.negotiationtimeline.projection.consuming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.TimelineTopic;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The lag is what the topic holds beyond what the views applied, on a real broker and a real view
 * database: records published and not applied count; stored offsets (as a batch stores them) do not.
 */
class ProjectionLagTest {

    private static final String TOPIC = "lag-test-events";
    private static EmbeddedKafkaKraftBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startKafka() {
        broker = new EmbeddedKafkaKraftBroker(1, 2, TOPIC);
        broker.afterPropertiesSet();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    @AfterAll
    static void stopKafka() {
        admin.close();
        broker.destroy();
    }

    @Test
    void records_on_the_topic_not_yet_applied_are_the_lag_and_beyond_the_bound_it_is_lagging() {
        JdbcDataSource views = new JdbcDataSource();
        views.setURL("jdbc:h2:mem:lag-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ViewSchema(views);
        ProjectionStore store = new ProjectionStore(new JdbcTemplate(views));
        MutableClock clock = new MutableClock();
        ProjectionLag lag = new ProjectionLag(admin, TOPIC, store, 2, clock);
        assertThat(lag.lag()).isZero();

        try (TimelineTopic topic = TimelineTopic.on(broker.getBrokersAsString(), TOPIC)) {
            for (int i = 0; i < 5; i++) {
                topic.publish(negotiationStarted("lagging-" + i).atSequence(0));
            }
        }
        clock.advance();
        assertThat(lag.lag()).isEqualTo(5);
        assertThat(lag.health().getStatus()).isEqualTo(ProjectionLag.LAGGING);

        // The views apply what partition 0 holds: what is left is partition 1's share.
        long onPartition0 = endOffset(new TopicPartition(TOPIC, 0));
        store.storeNextOffset(new TopicPartition(TOPIC, 0), onPartition0);
        clock.advance();
        assertThat(lag.lag()).isEqualTo(5 - onPartition0);

        store.storeNextOffset(new TopicPartition(TOPIC, 1), endOffset(new TopicPartition(TOPIC, 1)));
        clock.advance();
        assertThat(lag.lag()).isZero();
        assertThat(lag.health().getStatus()).isEqualTo(Status.UP);
    }

    private static long endOffset(TopicPartition partition) {
        try {
            return admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                    .partitionResult(partition).get().offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lag is kept for a second; the test moves time on instead of waiting. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-06T00:00:00Z");

        void advance() {
            now = now.plus(Duration.ofSeconds(2));
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
