package org.negotiationtimeline.timeline.publishing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What an operator watches of publishing: the lag (gauge and health) and the producer's own metrics. */
@Configuration(proxyBeanMethods = false)
class PublisherMonitoringConfiguration {

    @Bean("publisherLag")
    PublisherLag publisherLag(EventProcessingConfiguration processing, EventStore store,
                              @Value("${timeline.publisher.max-lag}") long maxLag, MeterRegistry meters) {
        return new PublisherLag(processing, store, maxLag, meters);
    }

    /** {@code /actuator/publisher}: where the publisher is, and the replay of the topic from the event store. */
    @Bean
    PublisherEndpoint publisherEndpoint(EventProcessingConfiguration processing) {
        return new PublisherEndpoint(processing);
    }

    /** Record send rates, errors, retries and request latency as {@code kafka.producer.*}. */
    @Bean(destroyMethod = "close")
    KafkaClientMetrics producerMetrics(Producer<String, byte[]> producer, MeterRegistry meters) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(meters);
        return metrics;
    }
}
