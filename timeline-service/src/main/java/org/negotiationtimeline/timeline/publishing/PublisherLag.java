package org.negotiationtimeline.timeline.publishing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * How far Kafka is behind the event store: the events stored after the position of the
 * publisher's slowest segment. It is an upper bound (the other segments may have published some
 * of them), and it counts this instance's segments only. As the gauge
 * {@code timeline.publisher.lag}, and as the health component {@code publisherLag}: {@code LAGGING}
 * beyond {@code timeline.publisher.max-lag}, which makes the readiness group answer 503 while the
 * root health stays UP (application.yml orders the statuses so): a lagging publisher still stores
 * writes, it only publishes them late.
 */
public final class PublisherLag implements HealthIndicator {

    /** A status of its own, so that readiness and the root health can weigh it differently. */
    public static final Status LAGGING = new Status("LAGGING", "the publisher is behind the event store");

    private final EventProcessingConfiguration processing;
    private final EventStore store;
    private final long maxLag;

    public PublisherLag(EventProcessingConfiguration processing, EventStore store, long maxLag, MeterRegistry meters) {
        this.processing = processing;
        this.store = store;
        this.maxLag = maxLag;
        Gauge.builder("timeline.publisher.lag", this, PublisherLag::lag)
                .description("events stored and not yet acknowledged by Kafka (behind the slowest publisher segment)")
                .baseUnit("events")
                .strongReference(true)
                .register(meters);
    }

    /** Events after the slowest segment's position; every stored event when no segment has a position yet. */
    public long lag() {
        TrackingToken head = store.createHeadToken();
        long newest = head == null ? -1 : head.position().orElse(-1);
        long slowest = processor()
                .map(TrackingEventProcessor::processingStatus)
                .filter(status -> !status.isEmpty())
                .map(PublisherLag::slowestPosition)
                .orElse(-1L);
        return Math.max(0, newest - slowest);
    }

    private static long slowestPosition(Map<Integer, EventTrackerStatus> status) {
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong position = segment.getCurrentPosition();
            slowest = Math.min(slowest, position.isPresent() ? position.getAsLong() : -1);
        }
        return slowest;
    }

    private java.util.Optional<TrackingEventProcessor> processor() {
        return processing.eventProcessor(KafkaEventForwarder.PROCESSING_GROUP, TrackingEventProcessor.class);
    }

    @Override
    public Health health() {
        long lag = lag();
        return Health.status(lag > maxLag ? LAGGING : Status.UP)
                .withDetail("lag", lag)
                .withDetail("maxLag", maxLag)
                .withDetail("segments", processor().map(p -> p.processingStatus().size()).orElse(0))
                .build();
    }
}
