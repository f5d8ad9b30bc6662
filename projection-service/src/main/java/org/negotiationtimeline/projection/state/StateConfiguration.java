package org.negotiationtimeline.projection.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class StateConfiguration {

    // The projector is built with the others, in their order, by org.negotiationtimeline.projection.Projectors.

    @Bean
    StateQueries stateQueries(JdbcTemplate jdbc, ObjectMapper json) {
        return new StateQueries(jdbc, json);
    }

    /** "Now", the default of at and knownAt. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
