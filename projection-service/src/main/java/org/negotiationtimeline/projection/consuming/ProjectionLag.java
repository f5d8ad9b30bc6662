package org.negotiationtimeline.projection.consuming;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * How far the views are behind the topic: records on the topic (its end offsets) that the views
 * have not applied (their stored next offsets, which move in the views' own transaction). The
 * gauge {@code projection.lag}, and the health component {@code projectionLag}: {@code LAGGING}
 * beyond {@code projection.max-lag}, which makes readiness answer 503 (a lagging replica should
 * not serve reads) while the root health stays UP (it is catching up, not broken). The answer is
 * kept for a second, so scrapes and probes do not each ask Kafka.
 */
public final class ProjectionLag implements HealthIndicator {

    public static final Status LAGGING = new Status("LAGGING", "the views are behind the topic");
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final Admin admin;
    private final String topic;
    private final ProjectionStore store;
    private final long maxLag;
    private final Clock clock;
    private Instant measuredAt = Instant.MIN;
    private long measured = -1;
    private String failure;

    public ProjectionLag(Admin admin, String topic, ProjectionStore store, long maxLag, Clock clock) {
        this.admin = admin;
        this.topic = topic;
        this.store = store;
        this.maxLag = maxLag;
        this.clock = clock;
    }

    /** Records not yet applied, or -1 when Kafka or the views' database cannot say. */
    public synchronized long lag() {
        Instant now = clock.instant();
        if (Duration.between(measuredAt, now).compareTo(FRESH) < 0) {
            return measured;
        }
        measuredAt = now;
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(3, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(3, TimeUnit.SECONDS);
            Map<TopicPartition, Long> applied = store.nextOffsets(partitions);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                lag += Math.max(0, ends.get(partition).offset() - applied.getOrDefault(partition, 0L));
            }
            measured = lag;
            failure = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            measured = -1;
            failure = "interrupted";
        } catch (Exception e) {
            measured = -1;
            failure = e.toString();
        }
        return measured;
    }

    @Override
    public Health health() {
        long lag = lag();
        if (lag < 0) {
            return Health.unknown().withDetail("error", String.valueOf(failure)).build();
        }
        return Health.status(lag > maxLag ? LAGGING : Status.UP).withDetail("lag", lag).withDetail("maxLag", maxLag).build();
    }
}
