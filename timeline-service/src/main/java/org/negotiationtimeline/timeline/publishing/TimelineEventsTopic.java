package org.negotiationtimeline.timeline.publishing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The topic every stored event is published to, and how a record on it is shaped.
 *
 * <p>Key: the negotiation id (UTF-8), so all events of a negotiation land on one partition, in
 * order. Value: the event's JSON. Headers: the CloudEvents 1.0 Kafka binding in binary mode
 * ({@code ce_*}), plus the extensions {@code ce_negotiation} and {@code ce_sequence}. The format
 * is specified in docs/events.md; consumers need nothing of this code.
 *
 * <p>Limits: ordering holds per negotiation, not across negotiations; delivery is at least once,
 * so a consumer must skip a {@code (ce_subject, ce_sequence)} it has already applied.
 */
public record TimelineEventsTopic(String name, int partitions, short replicationFactor) {

    public static final String SPEC_VERSION = "1.0";
    public static final String TYPE_PREFIX = "org.negotiationtimeline.";

    public Serializer<String> keySerializer() {
        return new StringSerializer();
    }

    public Serializer<byte[]> valueSerializer() {
        return new ByteArraySerializer();
    }

    /** Topic-level settings: the log is kept whole, because views are rebuilt from it. */
    public Map<String, String> configs() {
        return Map.of("retention.ms", "-1", "cleanup.policy", "delete");
    }

    public ProducerRecord<String, byte[]> record(Envelope envelope) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", SPEC_VERSION);
        header(headers, "ce_id", envelope.id());
        header(headers, "ce_source", "/negotiations/" + envelope.negotiationId());
        header(headers, "ce_type", TYPE_PREFIX + envelope.type());
        header(headers, "ce_subject", envelope.streamId());
        header(headers, "ce_time", envelope.recordedAt().toString());
        header(headers, "ce_dataschema", "urn:negotiation-timeline:schema:" + envelope.type() + ":" + envelope.revision());
        header(headers, "ce_negotiation", envelope.negotiationId());
        header(headers, "ce_sequence", Long.toString(envelope.sequence()));
        header(headers, "content-type", "application/json");
        return new ProducerRecord<>(name, null, envelope.negotiationId(), envelope.data(), headers);
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One event as published.
     *
     * @param id         the event message's unique id (stable across re-publication)
     * @param type       the event type, e.g. {@code DevelopmentRecorded}
     * @param revision   the payload's schema revision
     * @param streamId   the event stream (aggregate) it belongs to
     * @param sequence   its position in that stream, from 0
     * @param data       the payload as JSON
     */
    public record Envelope(String id, String type, String revision, String negotiationId, String streamId,
                           long sequence, java.time.Instant recordedAt, byte[] data) {
    }
}
