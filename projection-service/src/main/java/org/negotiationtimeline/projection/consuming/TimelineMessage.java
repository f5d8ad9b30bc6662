package org.negotiationtimeline.projection.consuming;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event read from the topic.
 *
 * @param type     the event type without namespace, e.g. {@code DevelopmentRecorded}
 * @param streamId the stream (aggregate) the event belongs to
 * @param sequence its position in that stream: the key for skipping redeliveries
 * @param data     the payload, a JSON object
 */
public record TimelineMessage(String id, String type, String negotiationId, String streamId, long sequence,
                              Instant recordedAt, JsonNode data) {
}
