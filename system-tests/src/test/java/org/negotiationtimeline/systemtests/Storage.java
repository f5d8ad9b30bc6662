package org.negotiationtimeline.systemtests;

import java.util.List;
import java.util.Optional;

/**
 * Where the two services keep their data: the only thing that differs between the H2, the
 * PostgreSQL and the container runs. Closed by {@link TimelineSystem#close()} after both services
 * have stopped.
 */
interface Storage extends AutoCloseable {

    /**
     * The Kafka cluster that carries the events from timeline-service to projection-service; empty
     * (the default): the broker embedded in timeline-service.
     */
    default Optional<String> kafkaBootstrapServers() {
        return Optional.empty();
    }

    /** Extra Spring Boot arguments for timeline-service (its event store). */
    List<String> timelineArguments();

    /** Extra Spring Boot arguments for projection-service (its views). */
    List<String> projectionArguments();

    /** Releases what the storage created (e.g. throwaway databases). */
    @Override
    void close();

    /** The services' defaults: H2 files under each service's data directory, wiped with it. */
    static Storage h2() {
        return new Storage() {
            @Override
            public List<String> timelineArguments() {
                return List.of();
            }

            @Override
            public List<String> projectionArguments() {
                return List.of();
            }

            @Override
            public void close() {
                // The H2 files live in the system's data directory.
            }

            @Override
            public String toString() {
                return "H2 files under the data directory";
            }
        };
    }
}
