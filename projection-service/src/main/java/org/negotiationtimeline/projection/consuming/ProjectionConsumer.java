package org.negotiationtimeline.projection.consuming;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * back to the stored positions and retries with a growing pause, up to {@code maxBackoff}. When
 * even that fails, or anything else ends the consumer, a supervisor starts a new one after the same
 * kind of pause, for as long as the service runs. {@link #lastError()} is set meanwhile (health
 * DOWN) and cleared once a batch is applied, or once the consumer is positioned with nothing to apply.
 */
public class ProjectionConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);

    private final Map<String, Object> config;
    private final TimelineEventsTopic topic;
    private final ProjectionStore store;
    private final BatchApplier applier;
    private final Duration maxBackoff;
    private final AtomicReference<String> lastError = new AtomicReference<>();

    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);

    private volatile boolean running;
    private volatile boolean positionedSinceFailure;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private volatile CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param groupInstanceId static group membership when not blank: a restarted instance takes its
     *                        partitions back at once, even after a crash; blank: dynamic membership
     * @param sessionTimeout  how long the group waits for a member that went silent (a crashed
     *                        one) before its partitions go to the others or to its restarted self
     */
    public ProjectionConsumer(String bootstrapServers, String groupId, String groupInstanceId, Duration sessionTimeout,
                              TimelineEventsTopic topic, ProjectionStore store, BatchApplier applier,
                              Duration maxBackoff) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
                // Kafka's advice: a third of the session, so that one lost heartbeat is not the end.
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, sessionTimeout.toMillis() / 3)));
        if (groupInstanceId != null && !groupInstanceId.isBlank()) {
            settings.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId);
        }
        this.config = Map.copyOf(settings);
        this.topic = topic;
        this.store = store;
        this.applier = applier;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public synchronized void start() {
        running = true;
        stopped = new CountDownLatch(1);
        thread = new Thread(this::superviseConsumption, "projection-consumer");
        thread.start();
    }

    /**
     * Consumes until stopped. Whatever ends a consumer (the database down while it looks up the
     * stored positions, a broker error) is logged and reported by health; after a pause a new
     * consumer joins the group and starts again from the stored positions.
     */
    private void superviseConsumption() {
        Duration backoff = INITIAL_BACKOFF;
        while (running) {
            try {
                consume();
                backoff = INITIAL_BACKOFF;
            } catch (WakeupException e) {
                if (running) {
                    fail("woken up while running", e, backoff);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                fail(e.toString(), e, backoff);
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), maxBackoff);
            }
        }
    }

    private void fail(String error, RuntimeException e, Duration backoff) {
        lastError.set(error);
        positionedSinceFailure = false;
        log.error("The projection consumer failed; a new one starts from the stored positions in {}", backoff, e);
    }

    private void consume() {
        consumer = new KafkaConsumer<>(config, topic.keyDeserializer(), topic.valueDeserializer());
        try {
            if (!running) {
                return;
            }
            consumer.subscribe(List.of(topic.name()), new SeekToStoredPositions());
            Duration backoff = INITIAL_BACKOFF;
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    if (positionedSinceFailure) {
                        lastError.set(null); // Nothing waits to be applied, and the database answered.
                    }
                    continue;
                }
                try {
                    applier.apply(records);
                    consumer.commitAsync();
                    lastError.set(null);
                    backoff = INITIAL_BACKOFF;
                } catch (RuntimeException e) {
                    lastError.set(e.toString());
                    positionedSinceFailure = false;
                    log.error("Applying a batch failed; retrying from the stored positions in {}", backoff, e);
                    pause(backoff);
                    backoff = min(backoff.multipliedBy(2), maxBackoff);
                    // May fail too (the database still down): the supervisor then starts a new consumer.
                    seekToStored(consumer.assignment());
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
            consumer = null;
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
        positionedSinceFailure = true;
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

    /** Waits before a retry; {@link #stop()} ends the wait. */
    private void pause(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The Kafka consumer's settings, as each new consumer gets them. */
    public Map<String, Object> configuration() {
        return config;
    }

    /** The last failure to apply or to consume, or null once the consumer applies again. */
    public String lastError() {
        return lastError.get();
    }

    @Override
    public synchronized void stop() {
        running = false;
        stopped.countDown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
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
