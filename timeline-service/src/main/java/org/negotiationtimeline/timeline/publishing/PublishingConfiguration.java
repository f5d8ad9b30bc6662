package org.negotiationtimeline.timeline.publishing;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.negotiationtimeline.timeline.kafka.KafkaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PublishingConfiguration.class);

    @Bean
    TimelineEventsTopic timelineEventsTopic(KafkaConnection kafka,
                                            @Value("${timeline.kafka.topic.name}") String name,
                                            @Value("${timeline.kafka.topic.partitions}") int partitions,
                                            @Value("${timeline.kafka.topic.replication-factor}") short replicationFactor)
            throws InterruptedException {
        TimelineEventsTopic topic = new TimelineEventsTopic(name, partitions, replicationFactor);
        ensureExists(kafka, topic);
        return topic;
    }

    /** Creates the topic when it is missing; an existing topic is left exactly as it is. */
    private static void ensureExists(KafkaConnection kafka, TimelineEventsTopic topic) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), topic.replicationFactor())
                    .configs(topic.configs()))).all().get(60, TimeUnit.SECONDS);
            log.info("Created topic {} ({} partitions, replication {})", topic.name(), topic.partitions(),
                    topic.replicationFactor());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not answer", e);
        }
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> eventProducer(KafkaConnection kafka, TimelineEventsTopic topic,
                                           @Value("${timeline.kafka.max-request-size}") DataSize maxRequestSize) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "timeline-service-publisher",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) maxRequestSize.toBytes(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis());
        return new KafkaProducer<>(config, topic.keySerializer(), topic.valueSerializer());
    }

    @Bean
    KafkaEventForwarder kafkaEventForwarder(Producer<String, byte[]> producer, TimelineEventsTopic topic,
                                            @Value("${timeline.kafka.ack-timeout}") Duration ackTimeout,
                                            EntityManager entityManager, DataSource dataSource, Clock clock) {
        return new KafkaEventForwarder(producer, topic, ackTimeout.toMillis(), entityManager,
                new StoreBarrier(dataSource), clock);
    }

    /**
     * DOWN while batches fail to publish (they are retried), and while any stored event is not on
     * the topic because Kafka refused it for good (unpublished_event; docs/operations.md).
     */
    @Bean
    HealthIndicator publisherHealth(KafkaEventForwarder forwarder, JdbcTemplate jdbc) {
        return () -> {
            Map<String, String> failures = forwarder.currentFailures();
            Long unpublished = jdbc.queryForObject("SELECT COUNT(*) FROM unpublished_event", Long.class);
            Health.Builder health = failures.isEmpty() && (unpublished == null || unpublished == 0)
                    ? Health.up() : Health.down();
            if (!failures.isEmpty()) {
                health.withDetail("failing", failures);
            }
            if (unpublished != null && unpublished > 0) {
                health.withDetail("unpublishedEvents", unpublished).withDetail("firstUnpublished", jdbc.queryForList(
                        "SELECT event_type || ' ' || stream_id || ' #' || sequence_number || ' (message ' || message_id"
                                + " || ')' FROM unpublished_event ORDER BY refused_at, message_id LIMIT 10", String.class));
            }
            return health.build();
        };
    }

    /** A failed send must stop the batch, not be logged and skipped (Axon's default for handlers). */
    @Autowired
    void propagateForwarderErrors(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(KafkaEventForwarder.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
