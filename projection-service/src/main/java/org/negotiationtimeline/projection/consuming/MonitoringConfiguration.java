package org.negotiationtimeline.projection.consuming;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** What an operator watches of the projection: its lag behind the topic, and the records it parked. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    /** Short timeouts: a health probe must answer even while Kafka does not. */
    @Bean(destroyMethod = "close")
    Admin lagAdmin(@Value("${projection.kafka.bootstrap-servers}") String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "projection-service-lag",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
    }

    @Bean("projectionLag")
    ProjectionLag projectionLag(Admin lagAdmin, TimelineEventsTopic topic, ProjectionStore store,
                                @Value("${projection.max-lag}") long maxLag, MeterRegistry meters) {
        ProjectionLag lag = new ProjectionLag(lagAdmin, topic.name(), store, maxLag, Clock.systemUTC());
        Gauge.builder("projection.lag", lag, ProjectionLag::lag)
                .description("records on the topic the views have not applied (-1: unknown)")
                .baseUnit("records")
                .strongReference(true)
                .register(meters);
        return lag;
    }

    @Bean
    Gauge deadLetters(JdbcTemplate jdbc, ViewSchema schema, MeterRegistry meters) {
        return Gauge.builder("projection.dead.letters", () -> {
                    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Long.class);
                    return count == null ? 0 : count;
                })
                .description("records parked because they could not be read or applied")
                .baseUnit("records")
                .strongReference(true)
                .register(meters);
    }
}
