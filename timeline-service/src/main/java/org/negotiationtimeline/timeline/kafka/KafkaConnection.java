package org.negotiationtimeline.timeline.kafka;

/** Where the Kafka cluster is: either the configured one or the embedded broker. */
public record KafkaConnection(String bootstrapServers) {
}
