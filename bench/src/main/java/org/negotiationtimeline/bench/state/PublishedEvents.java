package org.negotiationtimeline.bench.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * One negotiation's events in the form projection-service consumes: Kafka records with key = the
 * negotiation id, the payload as JSON and the CloudEvents binary-mode headers (docs/events.md,
 * docs/schemas). Written from that contract, not from timeline-service's classes, like
 * projection-service's own test fixtures.
 *
 * <p>Events are numbered from 0 in the order they are appended, on one partition, as the
 * publisher keeps one negotiation's stream. Ids and fingerprints come from the given seed, so the
 * same calls give the same bytes.
 */
public final class PublishedEvents {

    /** The topic name projection-service reads by default. */
    public static final String TOPIC = "negotiation-events";

    private static final String TYPE_PREFIX = "org.negotiationtimeline.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String negotiationId;
    private final Random random;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    private Instant lastRecordedAt = Instant.MIN;

    public PublishedEvents(String negotiationId, long seed) {
        this.negotiationId = negotiationId;
        this.random = new Random(seed);
    }

    public String negotiationId() {
        return negotiationId;
    }

    /** The records so far, in stream order (offset = sequence). */
    public List<ConsumerRecord<String, byte[]>> records() {
        return List.copyOf(records);
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static ArrayNode array() {
        return JSON.createArrayNode();
    }

    public void negotiationStarted(Instant recordedAt, String title) {
        ObjectNode data = start().put("title", title);
        append("NegotiationStarted", 1, recordedAt, data.put("recordedAt", recordedAt.toString()));
    }

    public void actorRegistered(Instant recordedAt, String actorId, String name, String kind) {
        ObjectNode data = start().put("actorId", actorId).put("name", name).put("kind", kind);
        append("ActorRegistered", 1, recordedAt, data.put("recordedAt", recordedAt.toString()));
    }

    /**
     * {@code development} holds the DevelopmentRecorded fields from {@code eventId} to {@code claims}
     * (eventId, type, occurred, title, actors, topics, sources, claims and any optional block).
     */
    public void developmentRecorded(Instant recordedAt, ObjectNode development) {
        ObjectNode data = start();
        data.setAll(development);
        append("DevelopmentRecorded", 2, recordedAt, signed(data, recordedAt));
    }

    /** {@code set} holds only the fields the correction replaces, in DevelopmentRecorded's shapes. */
    public void developmentCorrected(Instant recordedAt, String correctionId, String eventId, ObjectNode set,
                                     String reason) {
        ObjectNode data = start().put("correctionId", correctionId).put("eventId", eventId);
        data.set("set", set);
        data.put("reason", reason);
        data.set("sources", sources("RFE/RL", recordedAt));
        append("DevelopmentCorrected", 2, recordedAt, signed(data, recordedAt));
    }

    public void developmentRetracted(Instant recordedAt, String retractionId, String eventId, String reason) {
        ObjectNode data = start().put("retractionId", retractionId).put("eventId", eventId).put("reason", reason);
        data.set("sources", sources("RFE/RL", recordedAt));
        append("DevelopmentRetracted", 2, recordedAt, signed(data, recordedAt));
    }

    public void documentCreated(Instant recordedAt, String documentId, String title, String kind) {
        ObjectNode data = start().put("documentId", documentId).put("title", title).put("kind", kind);
        append("DocumentCreated", 1, recordedAt, data.put("recordedAt", recordedAt.toString()));
    }

    /** A version with its full provision list and the changes the command side computed (docs/drafts.md). */
    public void versionAdded(Instant recordedAt, String documentId, int version, Occurred occurred, String status,
                             ArrayNode provisions, ArrayNode changes) {
        ObjectNode data = start().put("documentId", documentId).put("version", version)
                .put("label", documentId + " v" + version);
        occurred.writeTo(data.putObject("occurred"));
        data.put("status", status).put("textAvailable", "FULL");
        data.set("provisions", provisions);
        data.set("changes", changes);
        data.set("sources", sources("Axios", recordedAt));
        append("VersionAdded", 1, recordedAt, signed(data, recordedAt));
    }

    public void provisionStatusChanged(Instant recordedAt, String documentId, String provisionId, String status,
                                       String by, Occurred occurred) {
        ObjectNode data = start().put("documentId", documentId).put("provisionId", provisionId).put("status", status)
                .put("by", by);
        occurred.writeTo(data.putObject("occurred"));
        data.set("sources", sources("unnamed publisher", recordedAt));
        append("ProvisionStatusChanged", 1, recordedAt, signed(data, recordedAt));
    }

    /** {@code [{outlet, published}]}, published on the day of recording. */
    public static ArrayNode sources(String outlet, Instant recordedAt) {
        ArrayNode sources = array();
        sources.addObject().put("outlet", outlet).put("published", recordedAt.toString().substring(0, 10));
        return sources;
    }

    private ObjectNode start() {
        return object().put("negotiationId", negotiationId);
    }

    private ObjectNode signed(ObjectNode data, Instant recordedAt) {
        byte[] fingerprint = new byte[32];
        random.nextBytes(fingerprint);
        return data.put("requestFingerprint", HexFormat.of().formatHex(fingerprint)).put("recordedAt", recordedAt.toString());
    }

    private void append(String type, int revision, Instant recordedAt, ObjectNode data) {
        if (recordedAt.isBefore(lastRecordedAt)) {
            throw new IllegalArgumentException("a stream is recorded in order: " + recordedAt + " < " + lastRecordedAt);
        }
        lastRecordedAt = recordedAt;
        long sequence = records.size();
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", new UUID(random.nextLong(), random.nextLong()).toString());
        header(headers, "ce_source", "/negotiations/" + negotiationId);
        header(headers, "ce_type", TYPE_PREFIX + type);
        header(headers, "ce_subject", negotiationId);
        header(headers, "ce_sequence", Long.toString(sequence));
        header(headers, "ce_negotiation", negotiationId);
        header(headers, "ce_time", recordedAt.toString());
        header(headers, "ce_dataschema", "urn:negotiation-timeline:schema:" + type + ":" + revision);
        header(headers, "content-type", "application/json");
        byte[] key = negotiationId.getBytes(StandardCharsets.UTF_8);
        byte[] value;
        try {
            value = JSON.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        records.add(new ConsumerRecord<>(TOPIC, 0, sequence, recordedAt.toEpochMilli(), TimestampType.CREATE_TIME,
                key.length, value.length, negotiationId, value, headers, Optional.empty()));
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
