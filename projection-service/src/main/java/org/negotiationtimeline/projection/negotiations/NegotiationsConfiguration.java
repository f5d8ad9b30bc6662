package org.negotiationtimeline.projection.negotiations;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class NegotiationsConfiguration {

    // The projector is built with the others, in their order, by org.negotiationtimeline.projection.Projectors.

    @Bean
    NegotiationQueries negotiationQueries(JdbcTemplate jdbc, ObjectMapper json) {
        return new NegotiationQueries(jdbc, json);
    }
}
