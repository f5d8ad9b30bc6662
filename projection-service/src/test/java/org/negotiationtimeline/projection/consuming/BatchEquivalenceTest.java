package org.negotiationtimeline.projection.consuming;

import org.negotiationtimeline.projection.state.StateIndexes;
import org.negotiationtimeline.projection.Projectors;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.negotiationtimeline.projection.fixture.RandomHistory;
import org.negotiationtimeline.projection.fixture.TimelineEvents;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The views do not depend on how the topic is cut into polls. {@link ViewWriter} holds a batch's
 * writes and runs them grouped by statement, and the bookkeeping is read and written once per
 * batch; that is only right if a history applied in polls of any size gives, row for row, the same
 * tables as the same history applied one record per poll (the order of the old, unbatched code).
 *
 * Checked on H2 and on PostgreSQL.
 *
 * <p>The histories are seeded ({@link RandomHistory}) and mix what a batch can hold: negotiations
 * started in the same poll as their developments, corrections and retractions of developments
 * recorded earlier in the same poll or in an earlier one, positions, claims, document versions and
 * statuses, and events the publisher put on the topic twice.
 */
class BatchEquivalenceTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String TOPIC = "negotiation-events";
    private static final int PARTITIONS = 3;
    private static final List<String> TABLES = List.of("consumed_offset", "applied_stream", "applied_event", "dead_letter",
            "negotiation_view", "actor_view", "development_version", "development_width", "claim_version",
            "position_version", "position_pair", "development_amendment", "document_view", "document_version",
            "provision_occurrence", "provision_lineage", "provision_status", "stream_entry", "stream_head");
    /** The tables, and what is checked of the stream's positions. */
    private static final List<String> VIEWS = Stream.concat(TABLES.stream(), Stream.of("stream positions")).toList();

    /** The embedded default, and the production database (the local server, as CI starts it). */
    enum Database { H2, POSTGRESQL }

    static List<Arguments> histories() {
        return List.of(Arguments.of(Database.H2, 1L), Arguments.of(Database.H2, 2L), Arguments.of(Database.H2, 3L),
                Arguments.of(Database.H2, 4L), Arguments.of(Database.POSTGRESQL, 5L), Arguments.of(Database.POSTGRESQL, 6L));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("histories")
    void a_history_applied_in_polls_of_any_size_gives_the_same_views_as_one_record_per_poll(Database database, long seed) {
        List<ConsumerRecord<String, byte[]>> topic = topic(RandomHistory.interleaved(new Random(seed), 4, 120,
                Instant.parse("2026-01-01T00:00:00Z")));

        Map<String, List<String>> oneByOne = project(database, topic, new Random(seed), 1);
        Map<String, List<String>> inPolls = project(database, topic, new Random(seed), 300);
        Map<String, List<String>> allAtOnce = project(database, topic, new Random(seed), Integer.MAX_VALUE);

        assertThat(oneByOne.get("development_version")).as("the history is not trivial").hasSizeGreaterThan(200);
        assertThat(oneByOne.get("stream_entry")).hasSizeGreaterThan(200);
        assertThat(oneByOne.get("dead_letter")).as("nothing parked").isEmpty();
        for (String table : VIEWS) {
            assertThat(inPolls.get(table)).as(table + ", polls of up to 300 records").isEqualTo(oneByOne.get(table));
            assertThat(allAtOnce.get(table)).as(table + ", one poll").isEqualTo(oneByOne.get(table));
        }
    }

    /** The records as the topic holds them: keyed by negotiation, some put there twice by the publisher. */
    private static List<ConsumerRecord<String, byte[]>> topic(List<TimelineEvents.Event<?>> events) {
        Map<Integer, Long> offsets = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            records.add(record(events.get(i).toRecord(TOPIC), offsets));
            if (i % 37 == 36) {
                records.add(record(events.get(i - 1).toRecord(TOPIC), offsets)); // Re-published after a failed batch.
            }
        }
        return records;
    }

    private static ConsumerRecord<String, byte[]> record(ProducerRecord<String, byte[]> sent, Map<Integer, Long> offsets) {
        int partition = Math.floorMod(sent.key().hashCode(), PARTITIONS);
        long offset = offsets.merge(partition, 1L, Long::sum) - 1;
        return new ConsumerRecord<>(sent.topic(), partition, offset, 0L, TimestampType.CREATE_TIME, -1,
                sent.value().length, sent.key(), sent.value(), sent.headers(), Optional.empty());
    }

    /** Applies the topic in polls of random sizes up to {@code maxPoll}, and dumps every table. */
    private static Map<String, List<String>> project(Database database, List<ConsumerRecord<String, byte[]>> topic,
                                                     Random random, int maxPoll) {
        String name = "batches_" + UUID.randomUUID().toString().replace("-", "");
        DataSource dataSource = switch (database) {
            case H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
                yield h2;
            }
            case POSTGRESQL -> {
                postgres("postgres").execute("CREATE DATABASE " + name);
                yield postgres(name).getDataSource();
            }
        };
        try {
            return project(dataSource, topic, random, maxPoll);
        } finally {
            switch (database) {
                case H2 -> new JdbcTemplate(dataSource).execute("SHUTDOWN");
                case POSTGRESQL -> postgres("postgres").execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
        }
    }

    private static JdbcTemplate postgres(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:5432/" + database);
        dataSource.setUser("postgres");
        return new JdbcTemplate(dataSource);
    }

    private static Map<String, List<String>> project(DataSource dataSource, List<ConsumerRecord<String, byte[]>> topic,
                                                     Random random, int maxPoll) {
        new ViewSchema(dataSource);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        ViewWriter views = new ViewWriter(jdbc);
        List<Projection> projections = Projectors.pipeline(views, JSON, () -> { }, new StateIndexes(jdbc, JSON, 64L << 20)).inOrder();
        BatchApplier applier = new BatchApplier(new TimelineEventsTopic(TOPIC), new ProjectionStore(jdbc), projections,
                views, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        for (int from = 0; from < topic.size(); ) {
            int size = maxPoll == 1 ? 1 : Math.min(topic.size() - from, 1 + random.nextInt(Math.min(maxPoll, topic.size())));
            Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> poll = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> record : topic.subList(from, from + size)) {
                poll.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>()).add(record);
            }
            applier.apply(new ConsumerRecords<>(poll));
            from += size;
        }
        Map<String, List<String>> dump = new TreeMap<>();
        for (String table : TABLES) {
            dump.put(table, jdbc.queryForList("SELECT * FROM " + table).stream().map(Object::toString).sorted().toList());
        }
        // Across partitions the stream's order is the order records were applied, which depends on
        // the polls; within a negotiation (one partition) it must not. Positions stay 1..n.
        dump.put("stream_entry", jdbc.queryForList("SELECT negotiation_id, event_id, kind, forms, recorded_at, body "
                + "FROM stream_entry ORDER BY negotiation_id, position").stream().map(Object::toString).toList());
        dump.put("stream positions", jdbc.queryForList("SELECT COUNT(*), MIN(position), MAX(position) FROM stream_entry")
                .stream().map(Object::toString).toList());
        return dump;
    }
}
