package org.negotiationtimeline.projection.consuming;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ConsumingConfiguration {

    @Bean
    TimelineEventsTopic timelineEventsTopic(@Value("${projection.kafka.topic}") String name) {
        return new TimelineEventsTopic(name);
    }

    @Bean
    CommitBarrier commitBarrier(javax.sql.DataSource dataSource) {
        return new CommitBarrier(dataSource);
    }

    @Bean
    ViewSchema viewSchema(javax.sql.DataSource dataSource) {
        return new ViewSchema(dataSource);
    }

    /** Depends on the schema: the store is used only once the tables are there. */
    @Bean
    ProjectionStore projectionStore(JdbcTemplate jdbc, ViewSchema schema) {
        return new ProjectionStore(jdbc);
    }

    /** Depends on the schema, like the store. */
    @Bean
    ViewWriter viewWriter(JdbcTemplate jdbc, ViewSchema schema) {
        return new ViewWriter(jdbc);
    }

    @Bean
    BatchApplier batchApplier(TimelineEventsTopic topic, ProjectionStore store, ProjectionPipeline pipeline,
                              ViewWriter views, TransactionTemplate transaction) {
        return new BatchApplier(topic, store, pipeline.inOrder(), views, transaction);
    }

    /** The applier's committed positions: what reads with {@code waitFor} wait on. */
    @Bean
    AppliedPositions appliedPositions(BatchApplier applier, MeterRegistry meters) {
        AppliedPositions positions = applier.positions();
        // Beside the registry it counts, as the other consuming gauges are.
        Gauge.builder("projection.consistency.waiting", positions, AppliedPositions::waiting)
                .description("reads with waitFor waiting for the views to apply their write").baseUnit("reads")
                .strongReference(true).register(meters);
        return positions;
    }

    @Bean
    ProjectionConsumer projectionConsumer(@Value("${projection.kafka.bootstrap-servers}") String bootstrapServers,
                                          @Value("${projection.kafka.group-id}") String groupId,
                                          @Value("${projection.kafka.group-instance-id}") String groupInstanceId,
                                          @Value("${projection.kafka.session-timeout}") Duration sessionTimeout,
                                          @Value("${projection.kafka.max-retry-backoff}") Duration maxBackoff,
                                          TimelineEventsTopic topic, ProjectionStore store, BatchApplier applier) {
        return new ProjectionConsumer(bootstrapServers, groupId, groupInstanceId, sessionTimeout, topic, store, applier,
                maxBackoff);
    }

    /** DOWN while batches keep failing, so an orchestrator can tell a stuck projection. */
    @Bean
    HealthIndicator projectionHealth(ProjectionConsumer consumer) {
        return () -> consumer.lastError() == null
                ? Health.up().build()
                : Health.down().withDetail("lastError", consumer.lastError()).build();
    }
}
