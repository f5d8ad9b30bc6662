package org.negotiationtimeline.projection.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.negotiationtimeline.projection.consuming.ViewSchema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class StateConfiguration {

    // The projector is built with the others, in their order, by org.negotiationtimeline.projection.Projectors.

    /** Depends on the schema: a first query loads from the view tables. */
    @Bean
    StateIndexes stateIndexes(JdbcTemplate jdbc, ObjectMapper json, ViewSchema schema,
                              @Value("${projection.state.index-max-bytes}") DataSize maxBytes) {
        return new StateIndexes(jdbc, json, maxBytes.toBytes());
    }

    /** "Now", the default of at and knownAt. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
