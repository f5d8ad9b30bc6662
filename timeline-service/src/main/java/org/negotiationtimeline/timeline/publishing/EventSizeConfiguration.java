package org.negotiationtimeline.timeline.publishing;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class EventSizeConfiguration {

    /** Room for the CloudEvents headers, the key and the record's framing. */
    static final long HEADROOM = 16 * 1024;

    @Bean
    EventSizeLimit eventSizeLimit(EventStore store, @Value("${timeline.limits.event-max-bytes}") DataSize max,
                                  @Value("${timeline.kafka.max-request-size}") DataSize maxRequest) {
        if (max.toBytes() > maxRequest.toBytes() - HEADROOM) {
            throw new IllegalStateException("timeline.limits.event-max-bytes is " + max.toBytes() + " bytes; at most "
                    + (maxRequest.toBytes() - HEADROOM) + " fit the producer's " + ProducerConfig.MAX_REQUEST_SIZE_CONFIG
                    + " (timeline.kafka.max-request-size) with the record's headers");
        }
        EventSizeLimit limit = new EventSizeLimit(max.toBytes());
        store.registerDispatchInterceptor(limit);
        return limit;
    }
}
