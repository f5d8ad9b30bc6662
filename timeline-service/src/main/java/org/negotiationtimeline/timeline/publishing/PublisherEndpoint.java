package org.negotiationtimeline.timeline.publishing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/publisher}: {@code GET} shows where the publisher is, per segment;
 * {@code POST /actuator/publisher/replay} publishes every stored event to the topic again, from
 * the first: the publisher's tracking tokens are reset (Axon's {@code resetTokens}), so no one
 * edits {@code token_entry} by hand. What re-creates a lost or repaired topic from the event
 * store; consumers skip what they already applied by {@code (ce_subject, ce_sequence)}, so the
 * views do not change (docs/operations.md, Back up and rebuild).
 *
 * <p>The processor stops for the reset, which waits for the batch in flight, and starts again at
 * once; writes go on meanwhile (they are stored, and published when the replay reaches them). An
 * endpoint of the running service: it holds the processor's segments. Limits: with another
 * instance publishing from the same event store, that instance holds segments this one cannot
 * reset; stop the others first (the reset then fails with 409 rather than half-done).
 */
@Endpoint(id = "publisher")
public class PublisherEndpoint {

    private static final Logger log = LoggerFactory.getLogger(PublisherEndpoint.class);

    private final EventProcessingConfiguration processing;

    public PublisherEndpoint(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @ReadOperation
    public Map<String, Object> status() {
        TrackingEventProcessor processor = processor();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("processor", processor.getName());
        status.put("running", processor.isRunning());
        status.put("replaying", processor.isReplaying());
        Map<Integer, Map<String, Object>> segments = new TreeMap<>();
        for (Map.Entry<Integer, EventTrackerStatus> entry : processor.processingStatus().entrySet()) {
            EventTrackerStatus segment = entry.getValue();
            OptionalLong position = segment.getCurrentPosition();
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("position", position.isPresent() ? position.getAsLong() : null);
            shown.put("caughtUp", segment.isCaughtUp());
            shown.put("replaying", segment.isReplaying());
            segments.put(entry.getKey(), shown);
        }
        status.put("segments", segments);
        return status;
    }

    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> act(@Selector String action) {
        if (!"replay".equals(action)) {
            return new WebEndpointResponse<>(Map.of("error", "unknown action '" + shortened(action) + "'; POST "
                    + "/actuator/publisher/replay publishes every stored event again"), WebEndpointResponse.STATUS_NOT_FOUND);
        }
        TrackingEventProcessor processor = processor();
        synchronized (this) {
            processor.shutDown();
            try {
                if (!processor.supportsReset()) {
                    return new WebEndpointResponse<>(Map.of("error", "the publisher does not support a reset"), 409);
                }
                processor.resetTokens();
                log.warn("Publisher tokens reset by {}: every stored event is published again (consumers skip what they applied)",
                        "POST /actuator/publisher/replay");
            } catch (RuntimeException e) {
                // Another instance holds segments (or the store refused): nothing was reset.
                log.error("Resetting the publisher's tokens failed; it goes on from where it was", e);
                return new WebEndpointResponse<>(Map.of("error", "the publisher's tokens could not be reset: " + e.getMessage()),
                        409);
            } finally {
                processor.start();
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>(status());
        answer.put("replay", "started");
        return new WebEndpointResponse<>(answer);
    }

    private TrackingEventProcessor processor() {
        return processing.eventProcessor(KafkaEventForwarder.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor " + KafkaEventForwarder.PROCESSING_GROUP));
    }

    private static String shortened(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
