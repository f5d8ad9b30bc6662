package org.negotiationtimeline.timeline.publishing;

import org.negotiationtimeline.timeline.kafka.KafkaConnection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class TopicHistoryConfiguration {

    /**
     * Verified while the context is created: singletons come before lifecycle beans start, so the
     * publisher's processor has not published anything yet when this refuses.
     */
    @Bean
    TopicHistoryCheck topicHistoryCheck(KafkaConnection kafka, TimelineEventsTopic topic, JdbcTemplate jdbc,
                                        @Value("${timeline.startup.verify-topic}") boolean verify) {
        TopicHistoryCheck check = new TopicHistoryCheck(kafka.bootstrapServers(), topic.name(), jdbc);
        if (verify) {
            check.verify();
        }
        return check;
    }
}
