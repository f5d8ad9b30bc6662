package org.negotiationtimeline.timeline.publishing;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class EventSizeConfiguration {

    /** Kafka's default {@code max.request.size} and (about) {@code message.max.bytes}; neither is changed here. */
    static final long KAFKA_RECORD_LIMIT = 1024 * 1024;
    /** Room for the CloudEvents headers, the key and the record's framing. */
    static final long HEADROOM = 16 * 1024;

    @Bean
    EventSizeLimit eventSizeLimit(EventStore store, @Value("${timeline.limits.event-max-bytes}") DataSize max) {
        if (max.toBytes() > KAFKA_RECORD_LIMIT - HEADROOM) {
            throw new IllegalStateException("timeline.limits.event-max-bytes is " + max.toBytes() + " bytes; at most "
                    + (KAFKA_RECORD_LIMIT - HEADROOM) + " fit Kafka's " + ProducerConfig.MAX_REQUEST_SIZE_CONFIG
                    + " with the record's headers");
        }
        EventSizeLimit limit = new EventSizeLimit(max.toBytes());
        store.registerDispatchInterceptor(limit);
        return limit;
    }
}
