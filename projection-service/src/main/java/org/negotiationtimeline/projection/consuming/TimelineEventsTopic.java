package org.negotiationtimeline.projection.consuming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The timeline's event topic as this service reads it: key = negotiation id, value = event JSON,
 * CloudEvents headers (binary mode). Written from the published format in docs/events.md, not
 * from timeline-service's classes, so either side can change its code independently.
 */
public record TimelineEventsTopic(String name) {

    static final String TYPE_PREFIX = "org.negotiationtimeline.";
    /** The views' negotiation_id columns (schema.sql); timeline-service's ids are far shorter. */
    static final int MAX_NEGOTIATION_ID = 64;
    /** applied_stream.stream_id (schema.sql). */
    static final int MAX_STREAM_ID = 200;
    /** applied_event.message_id (schema.sql). */
    static final int MAX_MESSAGE_ID = 128;

    private static final ObjectMapper JSON = new ObjectMapper();

    public Deserializer<String> keyDeserializer() {
        return new StringDeserializer();
    }

    public Deserializer<byte[]> valueDeserializer() {
        return new ByteArrayDeserializer();
    }

    /** Reads one record's envelope; throws {@link MalformedMessageException} when it is not one of ours. */
    public TimelineMessage read(ConsumerRecord<String, byte[]> record) {
        String type = required(record, "ce_type");
        if (!type.startsWith(TYPE_PREFIX)) {
            throw new MalformedMessageException("unknown ce_type namespace: " + type);
        }
        String sequence = required(record, "ce_sequence");
        String negotiationId = bounded(record, "ce_negotiation", MAX_NEGOTIATION_ID);
        String streamId = bounded(record, "ce_subject", MAX_STREAM_ID);
        String messageId = bounded(record, "ce_id", MAX_MESSAGE_ID);
        JsonNode data = jsonObject(record.value());
        try {
            return new TimelineMessage(
                    messageId,
                    type.substring(TYPE_PREFIX.length()),
                    negotiationId,
                    streamId,
                    Long.parseLong(sequence),
                    Instant.parse(required(record, "ce_time")),
                    data);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new MalformedMessageException("bad envelope: " + e.getMessage());
        }
    }

    /** The payload, parsed once; a value that is not a JSON object could never be applied, so it is parked. */
    private static JsonNode jsonObject(byte[] value) {
        if (value == null) {
            throw new MalformedMessageException("no value");
        }
        JsonNode data;
        try {
            data = JSON.readTree(value);
        } catch (IOException e) {
            throw new MalformedMessageException("value is not JSON: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
        }
        if (data == null || !data.isObject()) {
            throw new MalformedMessageException("value is not a JSON object");
        }
        return data;
    }

    /** An id longer than the views' column could never be applied, nor its sequence kept: parked. */
    private static String bounded(ConsumerRecord<String, byte[]> record, String key, int maxLength) {
        String value = required(record, key);
        if (value.length() > maxLength) {
            throw new MalformedMessageException(key + " is " + value.length() + " characters long, more than "
                    + maxLength);
        }
        return value;
    }

    private static String required(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        if (header == null || header.value() == null) {
            throw new MalformedMessageException("missing header " + key);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record this service cannot read: parked as a dead letter, never silently dropped. */
    public static class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String message) {
            super(message);
        }
    }
}
