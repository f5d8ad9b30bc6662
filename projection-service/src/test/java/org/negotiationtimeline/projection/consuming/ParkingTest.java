package org.negotiationtimeline.projection.consuming;

import org.negotiationtimeline.projection.state.StateIndexes;
import org.negotiationtimeline.projection.Projectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.negotiationtimeline.projection.fixture.TimelineEvents;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Parking a poison record cannot itself fail for good: whatever a record holds, it is parked (or
 * applied) and the partition goes on. A failure here would be retried forever and wedge the
 * partition. Checked on H2 and on PostgreSQL (the local server, as CI starts it), whose text
 * columns refuse a 0x00 that H2 takes.
 */
class ParkingTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String TOPIC = "negotiation-events";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    enum Database { H2, POSTGRESQL }

    private final List<Runnable> cleanUp = new ArrayList<>();
    private JdbcTemplate jdbc;
    private BatchApplier applier;
    private long nextOffset;

    @AfterEach
    void dropDatabase() {
        cleanUp.forEach(Runnable::run);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void a_value_with_a_raw_zero_byte_is_parked_and_the_partition_goes_on(Database database) {
        open(database);
        byte[] poison = "{\"eventId\": \"nul\u0000byte\"}".getBytes(StandardCharsets.UTF_8);

        applyEach(negotiationStarted("nul-byte").atSequence(0),
                developmentRecorded("nul-byte", "poisoned").atSequence(1).withRawValue(poison),
                developmentRecorded("nul-byte", "after-nul").atSequence(2));

        assertThat(deadLetterErrors()).singleElement().asString().contains("not JSON");
        assertThat(developmentsOf("nul-byte")).containsExactly("after-nul");
        assertThat(nextStoredOffset()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void a_300_character_ce_subject_is_parked_and_the_partition_goes_on(Database database) {
        open(database);

        applyEach(negotiationStarted("long-subject").atSequence(0),
                developmentRecorded("long-subject", "forged-subject").atSequence(1).withHeader("ce_subject", "s".repeat(300)),
                developmentRecorded("long-subject", "after-long-subject").atSequence(2));

        assertThat(deadLetterErrors()).singleElement().asString().contains("ce_subject");
        assertThat(developmentsOf("long-subject")).containsExactly("after-long-subject");
        assertThat(nextStoredOffset()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void a_negotiation_id_too_long_for_the_views_is_parked_and_the_partition_goes_on(Database database) {
        open(database);
        String tooLong = "n".repeat(300);

        applyEach(negotiationStarted(tooLong).atSequence(0),
                negotiationStarted("after-long-negotiation").atSequence(0));

        assertThat(deadLetterErrors()).singleElement().asString().contains("ce_negotiation");
        assertThat(jdbc.queryForList("SELECT id FROM negotiation_view", String.class))
                .containsExactly("after-long-negotiation");
        assertThat(nextStoredOffset()).isEqualTo(2);
    }

    /** Each record in a poll of its own; none may fail (a failure would be retried forever). */
    private void applyEach(TimelineEvents.Event<?>... events) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (TimelineEvents.Event<?> event : events) {
            records.add(record(event.toRecord(TOPIC)));
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThatCode(() -> applier.apply(poll(List.of(record)))).as("applying %s", record).doesNotThrowAnyException();
        }
    }

    private static ConsumerRecords<String, byte[]> poll(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> poll = new LinkedHashMap<>();
        poll.put(PARTITION, records);
        return new ConsumerRecords<>(poll);
    }

    private ConsumerRecord<String, byte[]> record(ProducerRecord<String, byte[]> sent) {
        return new ConsumerRecord<>(TOPIC, PARTITION.partition(), nextOffset++, 0L, TimestampType.CREATE_TIME, -1,
                sent.value().length, sent.key(), sent.value(), sent.headers(), Optional.empty());
    }

    private List<String> deadLetterErrors() {
        return jdbc.queryForList("SELECT error FROM dead_letter ORDER BY kafka_offset", String.class);
    }

    private List<String> developmentsOf(String negotiationId) {
        return jdbc.queryForList("SELECT DISTINCT event_id FROM development_version WHERE negotiation_id = ?",
                String.class, negotiationId);
    }

    private long nextStoredOffset() {
        return new ProjectionStore(jdbc).nextOffsets(List.of(PARTITION)).get(PARTITION);
    }

    private void open(Database database) {
        String name = "parking_" + UUID.randomUUID().toString().replace("-", "");
        DataSource dataSource = switch (database) {
            case H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
                cleanUp.add(() -> new JdbcTemplate(h2).execute("SHUTDOWN"));
                yield h2;
            }
            case POSTGRESQL -> {
                postgres("postgres").execute("CREATE DATABASE " + name);
                cleanUp.add(() -> postgres("postgres").execute("DROP DATABASE " + name + " WITH (FORCE)"));
                yield postgres(name).getDataSource();
            }
        };
        new ViewSchema(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        ViewWriter views = new ViewWriter(jdbc);
        List<Projection> projections = Projectors.pipeline(views, JSON, () -> { }, new StateIndexes(jdbc, JSON, 64L << 20)).inOrder();
        applier = new BatchApplier(new TimelineEventsTopic(TOPIC), new ProjectionStore(jdbc), projections, views,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    private static JdbcTemplate postgres(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:5432/" + database);
        dataSource.setUser("postgres");
        return new JdbcTemplate(dataSource);
    }
}
