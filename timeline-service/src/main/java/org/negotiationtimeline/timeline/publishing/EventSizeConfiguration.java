package org.negotiationtimeline.timeline.publishing;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class EventSizeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventSizeConfiguration.class);

    /** Room for the CloudEvents headers, the key and the record's framing. */
    static final long HEADROOM = 16 * 1024;

    @Bean
    EventSizeLimit eventSizeLimit(EventStore store, @Value("${timeline.limits.event-max-bytes}") DataSize max,
                                  @Value("${timeline.kafka.max-request-size}") DataSize maxRequest) {
        if (max.toBytes() > maxRequest.toBytes() - HEADROOM) {
            // Not fatal: such an event is stored, then skipped by the publisher, listed and reported (reliability.md).
            log.warn("timeline.limits.event-max-bytes is {} bytes; at most {} fit the producer's {} "
                            + "(timeline.kafka.max-request-size) with the record's headers: larger events will be "
                            + "stored but not published", max.toBytes(), maxRequest.toBytes() - HEADROOM,
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        EventSizeLimit limit = new EventSizeLimit(max.toBytes());
        store.registerDispatchInterceptor(limit);
        return limit;
    }
}
