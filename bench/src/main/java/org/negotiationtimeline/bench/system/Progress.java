package org.negotiationtimeline.bench.system;

import java.util.List;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the pipeline has got, read where it is kept: events stored (timeline-service's event
 * store), records on the topic (Kafka's end offsets) and records applied (the offsets
 * projection-service commits with each batch of views). "Views built" means all three agree.
 */
public final class Progress implements AutoCloseable {

    /** The topic timeline-service publishes to (its default name). */
    public static final String TOPIC = "negotiation-events";

    private final BenchSystem system;
    private final Admin admin;

    public Progress(BenchSystem system) {
        this.system = system;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
        this.admin = Admin.create(props);
    }

    public long storedEvents() {
        return count(system.eventsDatabase(), "SELECT count(*) FROM domain_event_entry");
    }

    public long topicEnd() {
        try {
            var partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions();
            Map<TopicPartition, OffsetSpec> request = partitions.stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + TOPIC + " at "
                    + system.kafkaBootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /** Records applied by the projection whose views are in {@code viewsDatabase}. */
    public long applied(String viewsDatabase) {
        return count(viewsDatabase, "SELECT COALESCE(SUM(next_offset), 0) FROM consumed_offset WHERE topic = '" + TOPIC + "'");
    }

    /**
     * Waits until every stored event is on the topic and applied to {@code viewsDatabase}.
     *
     * @return System.nanoTime() when that was first seen (polled every 20 ms)
     */
    public long awaitViewsBuilt(String viewsDatabase, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long stored = storedEvents();
            long end = topicEnd();
            long applied = applied(viewsDatabase);
            if (end >= stored && applied >= end) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("views in " + viewsDatabase + " not built within " + timeout.toSeconds()
                        + " s: stored " + stored + ", on the topic " + end + ", applied " + applied);
            }
            pause(Duration.ofMillis(20));
        }
    }

    private long count(String database, String sql) {
        try (Connection c = system.postgres().connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
    }

    /** Waits between two polls of a process watched from outside, where there is nothing to await on. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
