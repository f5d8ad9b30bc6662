package org.negotiationtimeline.timeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default keeps its data: a second start on the same directory finds what the first wrote. */
class EmbeddedKafkaBrokerTest {

    @Test
    void restarts_on_its_own_log_directory_with_its_topics_and_records(@TempDir Path logDir) throws Exception {
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(logDir, 0, 0)) {
            try (Admin admin = admin(first)) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "k", "v")).get(30, TimeUnit.SECONDS);
            }
        }

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(logDir, 0, 0); Admin admin = admin(second)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
            long end = admin.listOffsets(Map.of(new TopicPartition("kept", 0), OffsetSpec.latest()))
                    .all().get(30, TimeUnit.SECONDS).get(new TopicPartition("kept", 0)).offset();
            assertThat(end).isEqualTo(1);
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
