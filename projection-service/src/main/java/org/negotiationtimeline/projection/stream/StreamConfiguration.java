package org.negotiationtimeline.projection.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.negotiationtimeline.projection.consuming.CommitBarrier;
import org.negotiationtimeline.projection.consuming.ViewSchema;
import org.negotiationtimeline.projection.negotiations.NegotiationQueries;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamSettings.class)
class StreamConfiguration {

    /** Depends on the schema: the table is read only once it is there. */
    @Bean
    StreamLog streamLog(JdbcTemplate jdbc, ObjectMapper json, ViewSchema schema, CommitBarrier durable) {
        return new StreamLog(jdbc, json, durable);
    }

    @Bean
    StreamHub streamHub(StreamLog streamLog, StreamSettings settings, Clock clock, MeterRegistry meters) {
        StreamHub hub = new StreamHub(streamLog, settings, clock);
        Gauge.builder("projection.stream.subscribers", hub, h -> h.subscriptions().size())
                .description("open SSE streams").strongReference(true).register(meters);
        Gauge.builder("projection.stream.buffered", hub, StreamHub::bufferedBytes)
                .description("bytes waiting for slow SSE subscribers, all together").baseUnit("bytes")
                .strongReference(true).register(meters);
        return hub;
    }

    // The projector is built with the others, in their order, by org.negotiationtimeline.projection.Projectors.

    @Bean
    ServletRegistrationBean<StreamServlet> streamServlet(StreamHub hub, StreamLog streamLog, NegotiationQueries negotiations,
                                                         ObjectMapper json) {
        ServletRegistrationBean<StreamServlet> registration = new ServletRegistrationBean<>(
                new StreamServlet(hub, streamLog, id -> negotiations.byId(id).isPresent(), json), "/api/stream");
        registration.setName("stream");
        registration.setAsyncSupported(true);
        return registration;
    }
}
