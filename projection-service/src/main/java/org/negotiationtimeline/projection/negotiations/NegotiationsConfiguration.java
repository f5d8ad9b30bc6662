package org.negotiationtimeline.projection.negotiations;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.negotiationtimeline.projection.consuming.ViewWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class NegotiationsConfiguration {

    @Bean
    DevelopmentForms developmentForms(ViewWriter views, ObjectMapper json) {
        return new DevelopmentForms(views, json);
    }

    /** First: the state projector (order 1) and the stream projector (last) take the development forms opened here. */
    @Bean
    @Order(0)
    NegotiationProjector negotiationProjector(ViewWriter views, DevelopmentForms forms, ObjectMapper json) {
        return new NegotiationProjector(views, forms, json);
    }

    @Bean
    NegotiationQueries negotiationQueries(JdbcTemplate jdbc, ObjectMapper json) {
        return new NegotiationQueries(jdbc, json);
    }
}
