package org.negotiationtimeline.projection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** projection-service: builds the query views from the timeline's Kafka topic and serves them. */
@SpringBootApplication
public class ProjectionApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionApplication.class, args);
    }
}
