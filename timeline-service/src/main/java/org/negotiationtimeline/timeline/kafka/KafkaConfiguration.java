package org.negotiationtimeline.timeline.kafka;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the Kafka cluster: {@code KAFKA_BOOTSTRAP_SERVERS} (or
 * {@code timeline.kafka.bootstrap-servers}) when set, otherwise a broker embedded in this process.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    /** Holds the embedded broker, if any, so that Spring stops it after the beans that use it. */
    record Broker(EmbeddedKafkaBroker embedded) implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    Broker kafkaBroker(@Value("${timeline.kafka.bootstrap-servers:}") String bootstrapServers,
                       @Value("${timeline.data-dir}") Path dataDir,
                       @Value("${timeline.kafka.embedded.port}") int port,
                       @Value("${timeline.kafka.embedded.controller-port}") int controllerPort) {
        if (!bootstrapServers.isBlank()) {
            log.info("Using the Kafka cluster at {}; nothing embedded", bootstrapServers);
            return new Broker(null);
        }
        return new Broker(EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), port, controllerPort));
    }

    @Bean
    KafkaConnection kafkaConnection(Broker broker, @Value("${timeline.kafka.bootstrap-servers:}") String bootstrapServers) {
        return new KafkaConnection(broker.embedded() != null ? broker.embedded().bootstrapServers() : bootstrapServers.strip());
    }
}
