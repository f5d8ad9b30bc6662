package org.negotiationtimeline.projection.documents;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.negotiationtimeline.projection.web.QuerySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class DocumentsConfiguration {

    // The projector is built with the others, in their order, by org.negotiationtimeline.projection.Projectors.

    @Bean
    DocumentQueries documentQueries(JdbcTemplate jdbc, ObjectMapper json, QuerySettings settings) {
        return new DocumentQueries(jdbc, json, settings.maxDiffWords());
    }
}
