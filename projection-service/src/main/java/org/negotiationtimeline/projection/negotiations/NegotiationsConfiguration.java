package org.negotiationtimeline.projection.negotiations;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class NegotiationsConfiguration {

    /** First: the state projector (order 1) and the stream projector (last) read the development versions written here. */
    @Bean
    @Order(0)
    NegotiationProjector negotiationProjector(JdbcTemplate jdbc, ObjectMapper json) {
        return new NegotiationProjector(jdbc, json);
    }

    @Bean
    NegotiationQueries negotiationQueries(JdbcTemplate jdbc, ObjectMapper json) {
        return new NegotiationQueries(jdbc, json);
    }
}
