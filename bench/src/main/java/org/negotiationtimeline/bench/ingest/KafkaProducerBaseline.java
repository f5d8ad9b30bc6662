package org.negotiationtimeline.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.negotiationtimeline.bench.workload.Command;

/**
 * Baseline for ingest: the raw {@link KafkaProducer} rate on the same broker — records of the
 * developments' size, keyed like the product's (by negotiation), acks=all as the product's
 * publisher — the ceiling for this machine: nothing that publishes every event can beat it.
 */
public final class KafkaProducerBaseline {

    private KafkaProducerBaseline() {
    }

    /** @return records acknowledged per second */
    public static double run(String bootstrapServers, List<Command> commands, String topic) {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic + ": " + e.getMessage(), e);
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (Command c : commands) {
            keys.add(c.path().getBytes(StandardCharsets.UTF_8));
            values.add(c.body().toString().getBytes(StandardCharsets.UTF_8));
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.partitionsFor(topic); // metadata first: not part of the rate
            long start = System.nanoTime();
            List<Future<RecordMetadata>> acks = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i))));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
            return values.size() / ((System.nanoTime() - start) / 1e9);
        } catch (Exception e) {
            throw new IllegalStateException("raw producer failed: " + e.getMessage(), e);
        } finally {
            try (Admin client = Admin.create(admin)) {
                client.deleteTopics(List.of(topic)).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("[bench] could not delete " + topic + ": " + e.getMessage());
            }
        }
    }

}
