package org.negotiationtimeline.bench.state;

import org.negotiationtimeline.projection.state.StateIndexes;
import org.negotiationtimeline.projection.Projectors;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.negotiationtimeline.projection.consuming.BatchApplier;
import org.negotiationtimeline.projection.consuming.Projection;
import org.negotiationtimeline.projection.consuming.ProjectionStore;
import org.negotiationtimeline.projection.consuming.TimelineEventsTopic;
import org.negotiationtimeline.projection.consuming.ViewSchema;
import org.negotiationtimeline.projection.consuming.ViewWriter;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * projection-service's views of one history, built in-process: an in-memory H2 database with the
 * service's own schema ({@link ViewSchema}), filled by the service's own {@link BatchApplier} and
 * projectors from the published records, one transaction per poll of {@value #POLL} records, as
 * its Kafka consumer does. Only Kafka and Spring Boot are left out: the projectors get a
 * {@link JdbcTemplate} and a {@link TransactionTemplate} made here, and a mapper configured as
 * the service's application.yml configures Spring's.
 *
 * <p>Building fails loudly when the views did not take every record (a dead letter, a sequence not
 * applied, a development missing): a benchmark over half-built views would measure nonsense.
 *
 * <p>Limits: in-memory H2, so every page is on the heap; the service's default is an H2 file
 * (PostgreSQL in production), where a large view may also pay for its page cache.
 */
public final class ViewDatabase implements AutoCloseable {


    /** Records per transaction: Kafka's default {@code max.poll.records}. */
    public static final int POLL = 500;

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    private ViewDatabase(HikariDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
    }

    /** The mapper Spring Boot gives projection-service with its application.yml. */
    public static ObjectMapper objectMapper() {
        return Jackson2ObjectMapperBuilder.json()
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    public static ViewDatabase build(NegotiationHistory history) {
        return build(history.records());
    }

    /** The views of these records: one negotiation's stream, in order, on one partition. */
    public static ViewDatabase build(List<ConsumerRecord<String, byte[]>> records) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:views-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        config.setPoolName("bench-views");
        ViewDatabase views = new ViewDatabase(new HikariDataSource(config), objectMapper());
        try {
            views.load(records);
        } catch (RuntimeException e) {
            views.close();
            throw e;
        }
        return views;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public ObjectMapper json() {
        return json;
    }

    private void load(List<ConsumerRecord<String, byte[]>> records) {
        new ViewSchema(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ViewWriter views = new ViewWriter(jdbc);
        BatchApplier applier = new BatchApplier(new TimelineEventsTopic(NegotiationHistory.TOPIC), new ProjectionStore(jdbc),
                projections(views), views, transaction);
        TopicPartition partition = new TopicPartition(NegotiationHistory.TOPIC, 0);
        for (int from = 0; from < records.size(); from += POLL) {
            List<ConsumerRecord<String, byte[]>> poll = records.subList(from, Math.min(from + POLL, records.size()));
            applier.apply(new ConsumerRecords<>(Map.of(partition, poll)));
        }
        check(records);
    }

    /** projection-service's projectors, in their order: from the one place that says it. */
    private List<Projection> projections(ViewWriter views) {
        return Projectors.pipeline(views, json, () -> { }, new StateIndexes(jdbc, json, Long.MAX_VALUE)).inOrder();
    }

    /** Every record applied, none parked, one development form per development event. */
    private void check(List<ConsumerRecord<String, byte[]>> records) {
        ConsumerRecord<String, byte[]> last = records.get(records.size() - 1);
        String stream = header(last, "ce_subject");
        long expectedForms = records.stream().filter(r -> header(r, "ce_type").contains(".Development")).count();
        Integer deadLetters = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class);
        List<Long> applied = jdbc.queryForList("SELECT last_sequence FROM applied_stream WHERE stream_id = ?", Long.class,
                stream);
        Long forms = jdbc.queryForObject("SELECT COUNT(*) FROM development_version", Long.class);
        if (deadLetters == null || deadLetters != 0 || !applied.equals(List.of(Long.parseLong(header(last, "ce_sequence"))))
                || forms == null || forms != expectedForms) {
            throw new IllegalStateException("the views did not take the history: " + deadLetters + " dead letters "
                    + jdbc.queryForList("SELECT error FROM dead_letter FETCH FIRST 3 ROWS ONLY", String.class)
                    + ", last applied sequence " + applied + " of " + header(last, "ce_sequence") + ", "
                    + forms + " development forms of " + expectedForms);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    /** Drops the in-memory database (it would outlive the pool otherwise) and closes the pool. */
    @Override
    public void close() {
        try {
            jdbc.execute("SHUTDOWN");
        } finally {
            dataSource.close();
        }
    }
}
