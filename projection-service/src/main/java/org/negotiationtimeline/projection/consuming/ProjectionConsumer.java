package org.negotiationtimeline.projection.consuming;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The Kafka consumer that feeds the views, on a thread of its own.
 *
 * <p>It joins a consumer group, but the positions that count are the ones stored with the views:
 * on every assignment it seeks each partition to the stored offset, or to the beginning when the
 * views have none (a new or wiped view database rebuilds itself from the topic). Offsets are also
 * committed to Kafka after each batch, only so that lag shows up in Kafka's tools.
 *
 * <p>When applying a batch fails (the database is down), nothing of it is kept; the consumer seeks
 * back to the stored positions and retries with a growing pause, up to {@code maxBackoff}.
 */
public class ProjectionConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);

    private final Map<String, Object> config;
    private final TimelineEventsTopic topic;
    private final ProjectionStore store;
    private final BatchApplier applier;
    private final Duration maxBackoff;
    private final AtomicReference<String> lastError = new AtomicReference<>();

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public ProjectionConsumer(String bootstrapServers, String groupId, TimelineEventsTopic topic, ProjectionStore store,
                              BatchApplier applier, Duration maxBackoff) {
        this.config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.topic = topic;
        this.store = store;
        this.applier = applier;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public synchronized void start() {
        running = true;
        consumer = new KafkaConsumer<>(config, topic.keyDeserializer(), topic.valueDeserializer());
        thread = new Thread(this::run, "projection-consumer");
        thread.start();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        try {
            consumer.subscribe(List.of(topic.name()), new SeekToStoredPositions());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    applier.apply(records);
                    consumer.commitAsync();
                    lastError.set(null);
                    backoff = Duration.ofMillis(100);
                } catch (RuntimeException e) {
                    lastError.set(e.toString());
                    log.error("Applying a batch failed; retrying from the stored positions in {}", backoff, e);
                    seekToStored(consumer.assignment());
                    pause(backoff);
                    backoff = min(backoff.multipliedBy(2), maxBackoff);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void seekToStored(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = store.nextOffsets(partitions);
        for (TopicPartition partition : partitions) {
            Long offset = stored.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
        log.info("Positioned at the stored offsets {} (others from the beginning) of {}", stored, partitions);
    }

    private final class SeekToStoredPositions implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            seekToStored(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Positions are already stored with each applied batch.
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The last failure to apply a batch, or null when the last batch succeeded. */
    public String lastError() {
        return lastError.get();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
