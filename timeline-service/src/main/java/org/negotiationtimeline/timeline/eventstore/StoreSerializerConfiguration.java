package org.negotiationtimeline.timeline.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon's serializers, on a Jackson mapper owned by the event store.
 *
 * <p>Without these, Axon uses Spring's HTTP {@code ObjectMapper}, so an HTTP setting (such as
 * rejecting unknown fields) would decide whether stored events can still be read. This mapper is
 * strict on purpose: a stored field no class knows is an error to fix with an upcaster, not data to
 * drop silently.
 */
@Configuration(proxyBeanMethods = false)
class StoreSerializerConfiguration {

    static final ObjectMapper STORE_JSON = BasisOmitted.on(JsonMapper.builder())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Axon applies every EventUpcaster bean to stored events as they are read. */
    @Bean
    FingerprintRenamed developmentRecordedRevision2() {
        return new FingerprintRenamed(org.negotiationtimeline.timeline.negotiation.DevelopmentRecorded.class);
    }

    @Bean
    FingerprintRenamed developmentCorrectedRevision2() {
        return new FingerprintRenamed(org.negotiationtimeline.timeline.negotiation.DevelopmentCorrected.class);
    }

    @Bean
    FingerprintRenamed developmentRetractedRevision2() {
        return new FingerprintRenamed(org.negotiationtimeline.timeline.negotiation.DevelopmentRetracted.class);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(STORE_JSON).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(STORE_JSON).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(STORE_JSON).build();
    }
}
