package org.negotiationtimeline.projection.deadletters;

import org.negotiationtimeline.projection.consuming.BatchApplier;
import org.negotiationtimeline.projection.consuming.ProjectionStore;
import org.negotiationtimeline.projection.consuming.TimelineEventsTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeadLettersConfiguration {

    @Bean
    DeadLetters deadLetterReplays(ProjectionStore store, BatchApplier applier, TimelineEventsTopic topic,
                            @Value("${projection.kafka.bootstrap-servers}") String bootstrapServers) {
        return new DeadLetters(store, applier, topic, bootstrapServers);
    }

    @Bean
    DeadLettersEndpoint deadLettersEndpoint(DeadLetters deadLetters) {
        return new DeadLettersEndpoint(deadLetters);
    }
}
