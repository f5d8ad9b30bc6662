package org.negotiationtimeline.projection.consuming;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bookkeeping that makes applying at-least-once deliveries safe: the next Kafka offset per
 * partition, the last applied sequence per event stream, and records that could not be read.
 * Written in the same transaction as the views.
 */
public class ProjectionStore {

    private final JdbcTemplate jdbc;

    public ProjectionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<TopicPartition, Long> nextOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            List<Long> found = jdbc.queryForList(
                    "SELECT next_offset FROM consumed_offset WHERE topic = ? AND kafka_partition = ?",
                    Long.class, partition.topic(), partition.partition());
            if (!found.isEmpty()) {
                offsets.put(partition, found.get(0));
            }
        }
        return offsets;
    }

    public void storeNextOffset(TopicPartition partition, long nextOffset) {
        int updated = jdbc.update("UPDATE consumed_offset SET next_offset = ? WHERE topic = ? AND kafka_partition = ?",
                nextOffset, partition.topic(), partition.partition());
        if (updated == 0) {
            jdbc.update("INSERT INTO consumed_offset (topic, kafka_partition, next_offset) VALUES (?, ?, ?)",
                    partition.topic(), partition.partition(), nextOffset);
        }
    }

    public OptionalLong lastAppliedSequence(String streamId) {
        List<Long> found = jdbc.queryForList("SELECT last_sequence FROM applied_stream WHERE stream_id = ?",
                Long.class, streamId);
        return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.get(0));
    }

    public void storeAppliedSequence(String streamId, long sequence) {
        int updated = jdbc.update("UPDATE applied_stream SET last_sequence = ? WHERE stream_id = ?", sequence, streamId);
        if (updated == 0) {
            jdbc.update("INSERT INTO applied_stream (stream_id, last_sequence) VALUES (?, ?)", streamId, sequence);
        }
    }

    public void storeDeadLetter(TopicPartition partition, long offset, String error, byte[] value) {
        jdbc.update("INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, error, record_value) VALUES (?, ?, ?, ?, ?)",
                partition.topic(), partition.partition(), offset, error.length() > 2000 ? error.substring(0, 2000) : error,
                value == null ? null : new String(value, StandardCharsets.UTF_8));
    }

}
