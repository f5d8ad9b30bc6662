package org.negotiationtimeline.projection.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.negotiationtimeline.projection.Projectors;
import org.negotiationtimeline.projection.consuming.BatchApplier;
import org.negotiationtimeline.projection.consuming.Projection;
import org.negotiationtimeline.projection.consuming.ProjectionStore;
import org.negotiationtimeline.projection.consuming.TimelineEventsTopic;
import org.negotiationtimeline.projection.consuming.ViewSchema;
import org.negotiationtimeline.projection.consuming.ViewWriter;
import org.negotiationtimeline.projection.fixture.Occurrence;
import org.negotiationtimeline.projection.fixture.RandomHistory;
import org.negotiationtimeline.projection.fixture.TimelineEvents;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The in-memory index ({@link StateIndexes}) answers byte for byte as the range scans over the
 * views ({@link StateQueries}) do, serialised by the service's mapper — documents and provision
 * statuses included, which {@code StatePropertyTest}'s fold does not cover — whether it was kept
 * current batch by batch (warm) or loaded from the views afterwards (cold); a rolled-back batch
 * never reaches it, and a reader never sees half a batch.
 *
 * <p>Seeded histories of three interleaved negotiations, recorded in an order unrelated to valid
 * time (late arrivals), applied in polls of random sizes by the service's own {@link BatchApplier};
 * after each poll, random {@code (at, knownAt)} — known long ago, now, and in between — with random
 * pages are asked of each negotiation.
 */
class StateIndexTest {

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private static final String TOPIC = "negotiation-events";
    private static final Instant RECORDING_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int NEGOTIATIONS = 3;

    private final List<Runnable> cleanUp = new ArrayList<>();
    private JdbcTemplate jdbc;
    private DataSource dataSource;

    @AfterEach
    void dropDatabase() {
        cleanUp.forEach(Runnable::run);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void warm_and_cold_indexes_answer_as_the_range_scans_do(long seed) {
        h2();
        Random random = new Random(seed);
        List<ConsumerRecord<String, byte[]>> topic = topic(RandomHistory.interleaved(random, NEGOTIATIONS, 90, RECORDING_START));
        StateIndexes warm = new StateIndexes(jdbc, JSON, 256L << 20);
        BatchApplier applier = applier(warm);
        for (int n = 0; n < NEGOTIATIONS; n++) {
            assertThat(warm.index("n" + n)).as("cached before its first event").isNotNull();
        }
        long loadsBefore = warm.loads();
        StateQueries scans = new StateQueries(jdbc, JSON);
        int checked = 0;
        int fromThePast = 0;
        int withReportedStatus = 0;
        for (int from = 0; from < topic.size(); ) {
            int size = Math.min(topic.size() - from, 1 + random.nextInt(40));
            applier.apply(poll(topic.subList(from, from + size)));
            from += size;
            StateIndexes cold = new StateIndexes(jdbc, JSON, 256L << 20);
            for (int q = 0; q < 6; q++) {
                String nid = "n" + random.nextInt(NEGOTIATIONS);
                Instant at = RandomHistory.FIRST_DAY.minusDays(5).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                        .plusSeconds(random.nextInt(70 * 24 * 3600));
                Instant knownAt = switch (random.nextInt(3)) {
                    case 0 -> Instant.parse("2100-01-01T00:00:00Z"); // As known now.
                    case 1 -> RECORDING_START.minus(Duration.ofHours(1)).plusSeconds(random.nextInt(90 * 24 * 3600));
                    default -> RECORDING_START.plusSeconds(random.nextInt(5 * 24 * 3600)); // Long ago.
                };
                int limit = 1 + random.nextInt(60);
                int offset = random.nextInt(4) == 0 ? random.nextInt(20) : 0;
                String what = "seed " + seed + ", " + nid + ", at " + at + ", knownAt " + knownAt + ", limit " + limit
                        + ", offset " + offset + ", after " + from + " records";
                String expected = text(warm.fragments().value(scans.state(nid, at, knownAt, limit, offset)));
                assertThat(text(warm.state(nid, at, knownAt, limit, offset))).as("warm, " + what).isEqualTo(expected);
                assertThat(text(cold.state(nid, at, knownAt, limit, offset))).as("cold, " + what).isEqualTo(expected);
                checked++;
                withReportedStatus += expected.contains("\"statusBy\":") ? 1 : 0;
                fromThePast += knownAt.isBefore(Instant.parse("2100-01-01T00:00:00Z")) ? 1 : 0;
            }
        }
        assertThat(warm.loads()).as("kept current, never reloaded").isEqualTo(loadsBefore);
        // The answers were not trivial: the last ones hold developments, claims, positions and documents.
        String everything = text(warm.state("n0", Instant.parse("2026-12-31T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), 500, 0));
        assertThat(everything).contains("\"developments\":[{", "\"claims\":[{", "\"positions\":[{", "\"documents\":[{");
        assertThat(withReportedStatus).as("answers showing a reported status").isPositive();
        assertThat(checked).isGreaterThan(60);
        assertThat(fromThePast).isGreaterThan(checked / 3);
    }

    @Test
    void a_rolled_back_batch_never_reaches_the_index() {
        h2();
        StateIndexes indexes = new StateIndexes(jdbc, JSON, 256L << 20);
        BatchApplier applier = applier(indexes);
        applier.apply(poll(topic(List.of(negotiationStarted("n").atSequence(0),
                developmentRecorded("n", "kept").occurred(Occurrence.onDay("2026-01-02")).atSequence(1)))));
        assertThat(indexes.index("n")).isNotNull();
        List<Projection> projections = Projectors.pipeline(new ViewWriter(jdbc), JSON, () -> { }, indexes).inOrder();
        TimelineEventsTopic reader = new TimelineEventsTopic(TOPIC);
        var record = topic(List.of(developmentRecorded("n", "rolled-back").occurred(Occurrence.onDay("2026-01-03"))
                .atSequence(2))).get(0);
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> {
            projections.forEach(projection -> projection.apply(reader.read(record)));
            status.setRollbackOnly();
        });
        String answer = text(indexes.state("n", Instant.parse("2026-12-31T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), 50, 0));
        assertThat(answer).contains("\"kept\"").doesNotContain("rolled-back");
        applier.apply(poll(topic(List.of(developmentRecorded("n", "committed").occurred(Occurrence.onDay("2026-01-04"))
                .atSequence(2)))));
        assertThat(text(indexes.state("n", Instant.parse("2026-12-31T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), 50, 0)))
                .contains("\"kept\"", "\"committed\"").doesNotContain("rolled-back");
    }

    /** Every batch records two developments: a reader that saw half a batch would count an odd number. */
    @Test
    void a_reader_sees_a_batch_whole_or_not_at_all() throws Exception {
        h2();
        StateIndexes indexes = new StateIndexes(jdbc, JSON, 256L << 20);
        BatchApplier applier = applier(indexes);
        applier.apply(poll(topic(List.of(negotiationStarted("n").atSequence(0)))));
        assertThat(indexes.index("n")).isNotNull();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> odd = new AtomicReference<>();
        List<Integer> seen = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (writing.get() && odd.get() == null) {
                var answer = org.negotiationtimeline.projection.consuming.Payloads.read(JSON,
                        text(indexes.state("n", Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), 500, 0)));
                int count = answer.get("developments").size();
                synchronized (seen) {
                    seen.add(count);
                }
                if (count % 2 != 0) {
                    odd.set("saw " + count + " developments");
                }
            }
        });
        reader.start();
        for (int batch = 0; batch < 100; batch++) {
            applier.apply(poll(topic(List.of(
                    developmentRecorded("n", "a" + batch).occurred(Occurrence.onDay("2026-01-02")).atSequence(1 + 2L * batch),
                    developmentRecorded("n", "b" + batch).occurred(Occurrence.onDay("2026-01-03")).atSequence(2 + 2L * batch)))));
        }
        writing.set(false);
        reader.join();
        assertThat(odd.get()).isNull();
        synchronized (seen) {
            assertThat(seen).as("the reader ran during the writes").hasSizeGreaterThan(1);
            assertThat(seen.get(seen.size() - 1)).isLessThanOrEqualTo(200);
        }
        assertThat(text(indexes.state("n", Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), 500, 0)))
                .contains("\"a99\"", "\"b99\"");
    }

    @Test
    void a_negotiation_larger_than_the_cache_is_answered_by_the_range_scans() {
        h2();
        StateIndexes tiny = new StateIndexes(jdbc, JSON, 1_000);
        BatchApplier applier = applier(tiny);
        List<TimelineEvents.Event<?>> events = new ArrayList<>();
        events.add(negotiationStarted("n").atSequence(0));
        for (int i = 1; i <= 20; i++) {
            events.add(developmentRecorded("n", "d" + i).occurred(Occurrence.onDay("2026-01-" + (10 + i / 2))).atSequence(i));
        }
        applier.apply(poll(topic(events)));
        assertThat(tiny.index("n")).as("too large to keep").isNull();
        assertThat(tiny.index("n")).as("not loaded again").isNull();
        assertThat(tiny.loads()).isEqualTo(1);
        Instant at = Instant.parse("2026-01-20T00:00:00Z");
        Instant knownAt = Instant.parse("2100-01-01T00:00:00Z");
        assertThat(text(tiny.state("n", at, knownAt, 5, 2)))
                .isEqualTo(text(tiny.fragments().value(new StateQueries(jdbc, JSON).state("n", at, knownAt, 5, 2))));
        assertThat(tiny.cachedBytes()).isZero();
    }

    // --- the views ----------------------------------------------------------------------------------

    private void h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:state_index_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        dataSource = h2;
        jdbc = new JdbcTemplate(h2);
        cleanUp.add(() -> jdbc.execute("SHUTDOWN"));
        new ViewSchema(dataSource);
    }

    private BatchApplier applier(StateIndexes indexes) {
        ViewWriter views = new ViewWriter(jdbc);
        return new BatchApplier(new TimelineEventsTopic(TOPIC), new ProjectionStore(jdbc),
                Projectors.pipeline(views, JSON, () -> { }, indexes).inOrder(), views,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    private static final Map<String, Long> OFFSETS = new LinkedHashMap<>();

    private static List<ConsumerRecord<String, byte[]>> topic(List<TimelineEvents.Event<?>> events) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (TimelineEvents.Event<?> event : events) {
            ProducerRecord<String, byte[]> sent = event.toRecord(TOPIC);
            long offset;
            synchronized (OFFSETS) {
                offset = OFFSETS.merge(TOPIC, 1L, Long::sum);
            }
            records.add(new ConsumerRecord<>(sent.topic(), 0, offset, 0L, TimestampType.CREATE_TIME, -1,
                    sent.value().length, sent.key(), sent.value(), sent.headers(), Optional.empty()));
        }
        return records;
    }

    private static ConsumerRecords<String, byte[]> poll(List<ConsumerRecord<String, byte[]>> records) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(TOPIC, 0), records));
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    /** What the response gets: the answer written to a stream, checked against its own length and copy. */
    private static String text(JsonAnswer answer) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            answer.writeTo(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(out.size()).isEqualTo(answer.length());
        assertThat(out.toByteArray()).isEqualTo(answer.toByteArray());
        return text(out.toByteArray());
    }
}
