package org.negotiationtimeline.projection.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.negotiationtimeline.projection.consuming.ViewWriter;
import org.negotiationtimeline.projection.negotiations.DevelopmentForms;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class StateConfiguration {

    /** After the negotiation projector (order 0): it takes the development form opened there. */
    @Bean
    @Order(1)
    StateProjector stateProjector(ViewWriter views, DevelopmentForms forms, ObjectMapper json) {
        return new StateProjector(views, forms, json);
    }

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
