package org.negotiationtimeline.projection.consuming;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bookkeeping that makes applying at-least-once deliveries safe: the next Kafka offset per
 * partition, the last applied sequence per event stream, and records that could not be read.
 * Written in the same transaction as the views.
 */
public class ProjectionStore {

    /** Stream ids per IN list: well below either database's limit on parameters. */
    private static final int IN_LIST = 500;

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

    /** The last applied sequence of each of these streams, read at once, to be kept up in memory for a batch. */
    public AppliedSequences appliedSequences(Collection<String> streamIds) {
        Map<String, Long> stored = new HashMap<>();
        List<String> ids = List.copyOf(streamIds);
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            List<String> chunk = ids.subList(from, Math.min(from + IN_LIST, ids.size()));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT stream_id, last_sequence FROM applied_stream WHERE stream_id IN (" + marks + ")",
                    rs -> {
                        stored.put(rs.getString("stream_id"), rs.getLong("last_sequence"));
                    }, chunk.toArray());
        }
        return new AppliedSequences(stored);
    }

    /** Writes what a batch applied: one JDBC batch of updates and one of inserts. */
    public void storeAppliedSequences(AppliedSequences applied) {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        applied.changed.forEach((streamId, sequence) -> {
            if (applied.stored.containsKey(streamId)) {
                updates.add(new Object[] {sequence, streamId});
            } else {
                inserts.add(new Object[] {streamId, sequence});
            }
        });
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("UPDATE applied_stream SET last_sequence = ? WHERE stream_id = ?", updates);
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO applied_stream (stream_id, last_sequence) VALUES (?, ?)", inserts);
        }
        if (!applied.events.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO applied_event (stream_id, sequence, message_id) VALUES (?, ?, ?)",
                    applied.events);
        }
    }

    /** Records one applied event below the stream's last applied sequence (a replayed dead letter). */
    public void storeAppliedEvent(String streamId, long sequence, String messageId) {
        jdbc.update("INSERT INTO applied_event (stream_id, sequence, message_id) VALUES (?, ?, ?)",
                streamId, sequence, messageId);
    }

    /** The message applied at this position of the stream, or null when none is known. */
    public String appliedMessageId(String streamId, long sequence) {
        List<String> found = jdbc.queryForList("SELECT message_id FROM applied_event WHERE stream_id = ? AND sequence = ?",
                String.class, streamId, sequence);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The last applied sequence per stream, as stored when a batch began and as the batch moves it. */
    public static final class AppliedSequences {
        private final Map<String, Long> stored;
        private final Map<String, Long> changed = new LinkedHashMap<>();
        private final List<Object[]> events = new ArrayList<>();
        private final Map<String, String> eventsByPosition = new HashMap<>();

        AppliedSequences(Map<String, Long> stored) {
            this.stored = Map.copyOf(stored);
        }

        /** The last applied sequence of the stream, or null when none was. */
        public Long last(String streamId) {
            Long moved = changed.get(streamId);
            return moved != null ? moved : stored.get(streamId);
        }

        public void applied(String streamId, long sequence, String messageId) {
            changed.put(streamId, sequence);
            events.add(new Object[] {streamId, sequence, messageId});
            eventsByPosition.put(sequence + "@" + streamId, messageId);
        }

        /** The last sequence this batch applied of each stream it moved. */
        public Map<String, Long> moved() {
            return Map.copyOf(changed);
        }

        /** The message this batch applied at that position, or null. */
        public String appliedInBatch(String streamId, long sequence) {
            return eventsByPosition.get(sequence + "@" + streamId);
        }
    }

    public void storeDeadLetter(TopicPartition partition, long offset, String error, byte[] value) {
        String shortError = error.length() > 2000 ? error.substring(0, 2000) : error;
        jdbc.update("INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, error, record_value) VALUES (?, ?, ?, ?, ?)",
                partition.topic(), partition.partition(), offset, storable(shortError),
                value == null ? null : storable(new String(value, StandardCharsets.UTF_8)));
    }

    /** A parked record, without its value. */
    public record DeadLetter(String topic, int partition, long offset, String error, Integer valueLength) {
    }

    /** Every parked record, in topic order. */
    public List<DeadLetter> deadLetters() {
        return jdbc.query(DEAD_LETTERS + " ORDER BY topic, kafka_partition, kafka_offset", this::deadLetter);
    }

    /** The parked record at this offset, or null. */
    public DeadLetter deadLetter(TopicPartition partition, long offset) {
        List<DeadLetter> found = jdbc.query(DEAD_LETTERS + " WHERE topic = ? AND kafka_partition = ? AND kafka_offset = ?",
                this::deadLetter, partition.topic(), partition.partition(), offset);
        return found.isEmpty() ? null : found.get(0);
    }

    private static final String DEAD_LETTERS =
            "SELECT topic, kafka_partition, kafka_offset, error, LENGTH(record_value) AS value_length FROM dead_letter";

    private DeadLetter deadLetter(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long length = rs.getLong("value_length");
        return new DeadLetter(rs.getString("topic"), rs.getInt("kafka_partition"), rs.getLong("kafka_offset"),
                rs.getString("error"), rs.wasNull() ? null : (int) length);
    }

    public void deleteDeadLetter(TopicPartition partition, long offset) {
        jdbc.update("DELETE FROM dead_letter WHERE topic = ? AND kafka_partition = ? AND kafka_offset = ?",
                partition.topic(), partition.partition(), offset);
    }

    /** Text any database takes: PostgreSQL refuses U+0000 in text, so it becomes U+FFFD (malformed UTF-8 already did). */
    private static String storable(String text) {
        return text.replace('\u0000', '\uFFFD');
    }

}
