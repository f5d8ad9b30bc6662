package org.negotiationtimeline.projection.consuming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reading event payloads and writing view rows, the same way in every projection. */
public final class Payloads {

    private Payloads() {
    }

    /**
     * The field, or an {@link IllegalArgumentException} naming it: a projection checks what it
     * needs before it writes, so an event missing it is parked, not half-applied.
     */
    public static JsonNode required(JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return node;
    }

    /** The field's text, or null when it is absent. */
    public static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /**
     * True when the node (a development, claim, provision or status) says it is the recorder's
     * inference, not its sources' report: {@code basis} INFERRED. Absent means REPORTED.
     */
    public static boolean inferred(JsonNode node) {
        return node != null && "INFERRED".equals(node.path("basis").asText());
    }

    /** {@code basis} and {@code note} of {@code from}, when present, onto {@code to}. */
    public static void copyBasis(JsonNode from, com.fasterxml.jackson.databind.node.ObjectNode to) {
        for (String field : new String[] {"basis", "note"}) {
            if (from.hasNonNull(field)) {
                to.set(field, from.get(field));
            }
        }
    }

    /** The item without the claims that are INFERRED: what its sources state. */
    public static JsonNode withoutInferredClaims(JsonNode item) {
        JsonNode claims = item.get("claims");
        if (claims == null || !claims.isArray() || !(item instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            return item;
        }
        com.fasterxml.jackson.databind.node.ArrayNode kept = object.arrayNode();
        claims.forEach(claim -> {
            if (!Payloads.inferred(claim)) {
                kept.add(claim);
            }
        });
        object.set("claims", kept);
        return object;
    }

    public static JsonNode read(ObjectMapper json, String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(ObjectMapper json, JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Timestamps are stored as UTC offsets: the same on H2 and PostgreSQL. */
    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
