package org.negotiationtimeline.timeline.eventindex;

import jakarta.persistence.EntityManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EventIndexConfiguration {

    @Bean
    EventIndex eventIndex(EntityManager entityManager) {
        return new EventIndex(entityManager);
    }

    /** In the append's transaction, and a failure must fail the append (not be logged away). */
    @Autowired
    void subscribeInTheAppendingTransaction(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(EventIndex.PROCESSING_GROUP);
        processing.registerListenerInvocationErrorHandler(EventIndex.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
