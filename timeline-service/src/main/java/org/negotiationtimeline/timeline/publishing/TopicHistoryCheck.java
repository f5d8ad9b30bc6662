package org.negotiationtimeline.timeline.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refuses to publish into a topic that holds another history than this event store. Every record
 * on the topic was published from a committed, never deleted event, so the newest record of each
 * partition must name ({@code ce_id}) an event this store has. When one does not, the store was
 * restored from an older backup or wiped while the Kafka log survived (STACK.md pitfall 6): new
 * events would take sequence numbers the topic already gave to other events, and the views would
 * mix two histories for good. Run once at start, before the publisher's producer exists.
 *
 * <p>Limit: it looks at each partition's newest record only, so it catches a store that is
 * behind the topic, not a topic that was truncated or re-created (then the views are simply
 * rebuilt from what the topic holds).
 */
public final class TopicHistoryCheck {

    private static final Logger log = LoggerFactory.getLogger(TopicHistoryCheck.class);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;
    private final JdbcTemplate store;

    public TopicHistoryCheck(String bootstrapServers, String topic, JdbcTemplate store) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.store = store;
    }

    /** Throws {@link HistoriesDisagree} when the topic's newest records name events this store lacks. */
    public void verify() {
        List<String> missing = new ArrayList<>();
        Map<TopicPartition, String> newest = newestEventIds();
        newest.forEach((partition, eventId) -> {
            Long found = store.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE event_identifier = ?",
                    Long.class, eventId);
            if (found == null || found == 0) {
                missing.add(partition + " ends with event " + eventId);
            }
        });
        if (!missing.isEmpty()) {
            throw new HistoriesDisagree(topic, missing);
        }
        log.info("Topic {} and the event store hold one history ({} partitions checked)", topic, newest.size());
    }

    private Map<TopicPartition, String> newestEventIds() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "timeline-service-history-check",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, PATIENCE).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, PATIENCE);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, PATIENCE);
            Map<TopicPartition, String> newest = new HashMap<>();
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                if (ends.get(partition) > starts.get(partition)) {
                    consumer.seek(partition, ends.get(partition) - 1);
                    pending.add(partition);
                }
            }
            consumer.pause(partitions.stream().filter(p -> !pending.contains(p)).toList());
            Instant deadline = Instant.now().plus(PATIENCE);
            while (newest.size() < pending.size() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Header id = record.headers().lastHeader("ce_id");
                    if (record.offset() == ends.get(partition) - 1 && id != null) {
                        newest.put(partition, new String(id.value(), StandardCharsets.UTF_8));
                        consumer.pause(List.of(partition));
                    }
                }
            }
            if (newest.size() < pending.size()) {
                throw new IllegalStateException("could not read the newest record of every partition of " + topic
                        + " within " + PATIENCE);
            }
            return newest;
        }
    }

    /** The service stops: publishing would mix two histories. */
    public static final class HistoriesDisagree extends IllegalStateException {
        HistoriesDisagree(String topic, List<String> missing) {
            super("The topic " + topic + " holds events this event store does not have (" + String.join("; ", missing)
                    + "): the store is older than the topic, or was wiped while the Kafka log survived. "
                    + "Refusing to publish, which would give those events' sequence numbers to new events. "
                    + "Restore the newest store backup, or start over with a new topic and an empty view database "
                    + "(docs/operations.md, \"Faults\"); timeline.startup.verify-topic=false skips this check.");
        }
    }
}
