package org.negotiationtimeline.bench.rebuild;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.negotiationtimeline.bench.report.Report;
import org.negotiationtimeline.bench.report.Stats;
import org.negotiationtimeline.bench.system.BenchSystem;
import org.negotiationtimeline.bench.system.Progress;
import org.negotiationtimeline.systemtests.ServiceProcess;

/**
 * Issue 8, item 4: a new projection-service on an empty database builds every view from the
 * topic — how fast, beside a bare {@link KafkaConsumer} reading the same topic (the ceiling).
 * The rate counts from the moment the new instance is healthy, so JVM start-up is reported
 * apart, not hidden in the rate.
 */
public final class RebuildScenario {

    private final BenchSystem system;
    private final Report report;
    private final int repeats;

    public RebuildScenario(BenchSystem system, Report report, int repeats) {
        this.system = system;
        this.report = report;
        this.repeats = repeats;
    }

    public void run() {
        double[] rates = new double[repeats];
        double[] startups = new double[repeats];
        double[] bare = new double[repeats];
        long records = 0;
        try (Progress progress = new Progress(system)) {
            records = progress.topicEnd();
            for (int r = 0; r < repeats; r++) {
                Map.Entry<ServiceProcess, String> fresh = system.startFreshProjection("rebuild-" + r);
                long healthy = System.nanoTime();
                startups[r] = (healthy - fresh.getKey().startedNanos()) / 1e9;
                long built = progress.awaitViewsBuilt(fresh.getValue(), Duration.ofHours(6));
                rates[r] = records / ((built - healthy) / 1e9);
                fresh.getKey().close();
                bare[r] = bareConsumer(records);
            }
        }
        double rate = Stats.median(rates);
        double ceiling = Stats.median(bare);
        report.add("rebuild", "new projection-service builds all views from the topic", "records/s", rate, Double.NaN,
                repeats + " runs of " + records + " records (from healthy to caught up)");
        report.add("rebuild", "its JVM start until healthy", "s", Stats.median(startups), Double.NaN, repeats + " runs");
        report.add("rebuild", "baseline: bare KafkaConsumer reads the same topic", "records/s", ceiling, Double.NaN,
                repeats + " runs");
        report.verdict("rebuild ≥ 30% of the bare consumer's rate", Report.format(100 * rate / ceiling) + "%",
                rate >= 0.3 * ceiling);
    }

    /** Reads the whole topic from the beginning with no processing; records per second. */
    private double bareConsumer(long expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            Set<TopicPartition> partitions = consumer.partitionsFor(Progress.TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long read = 0;
            long bytes = 0;
            long start = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (var record : batch) {
                    read++;
                    bytes += record.value().length; // touch every record, as a consumer would
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (read < expected) {
                throw new IllegalStateException("the bare consumer read " + read + " records, expected " + expected);
            }
            return bytes > 0 ? read / seconds : 0;
        }
    }

}
