package org.negotiationtimeline.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.negotiationtimeline.projection.consuming.ProjectionPipeline;
import org.negotiationtimeline.projection.consuming.ViewWriter;
import org.negotiationtimeline.projection.state.StateIndexes;
import org.negotiationtimeline.projection.stream.StreamHub;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProjectorsConfiguration {

    @Bean
    ProjectionPipeline projectionPipeline(ViewWriter views, ObjectMapper json, StreamHub hub, StateIndexes stateIndexes) {
        return Projectors.pipeline(views, json, hub::wake, stateIndexes);
    }
}
