package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.consuming.ProjectionConsumer;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A projection restarted after a crash consumes again within seconds. A crashed instance never
 * leaves the consumer group: the group waits for its session to expire before its partitions are
 * consumed again (Kafka's default session is 45 s). The crashed instance is played by a consumer
 * configured exactly like the service's that closes as a static member, which leaves no more than
 * kill -9 does.
 */
class ConsumerRestartTest extends ProjectionServiceTestBase {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    @Autowired
    private ProjectionConsumer consumer;

    @Test
    void after_a_crashed_instance_the_restarted_consumer_consumes_within_seconds() {
        topic.publish(negotiationStarted("before-crash").atSequence(0));
        eventually(() -> assertThat(api.get("/api/negotiations/before-crash").status()).isEqualTo(200));
        consumer.stop();

        Map<String, Object> crashed = new HashMap<>(consumer.configuration());
        crashed.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "crashed-instance");
        try (KafkaConsumer<String, byte[]> instance =
                     new KafkaConsumer<>(crashed, new StringDeserializer(), new ByteArrayDeserializer())) {
            instance.subscribe(List.of(TOPIC));
            await("the crashed instance owns partitions").atMost(PATIENCE).until(() -> {
                instance.poll(Duration.ofMillis(100));
                return !instance.assignment().isEmpty();
            });
        }

        long restarted = System.nanoTime();
        consumer.start();
        for (int i = 0; i < 6; i++) {
            topic.publish(negotiationStarted("after-crash-" + i).atSequence(0)); // on every partition
        }
        await("consuming again after the restart").atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> api.negotiations().size() == 7);
        System.out.printf("[projection] consuming again %d ms after the restart%n",
                Duration.ofNanos(System.nanoTime() - restarted).toMillis());
    }
}
