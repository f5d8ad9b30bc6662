package org.negotiationtimeline.timeline.eventstore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store is Axon's JPA engine on whatever {@code spring.datasource.url} names: an H2 file
 * under the data directory by default, PostgreSQL in production. Pointing the URL at PostgreSQL
 * is all it takes; the bytea dialect is chosen here.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    @Bean
    HibernatePropertiesCustomizer byteaOnPostgres(@Value("${spring.datasource.url}") String url) {
        return properties -> {
            if (url.startsWith("jdbc:postgresql:")) {
                properties.putIfAbsent("hibernate.dialect", ByteaPostgreSQLDialect.class.getName());
            }
        };
    }
}
