package org.negotiationtimeline.projection.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.negotiationtimeline.projection.consuming.Payloads;

/**
 * The parts of a state answer as ready JSON bytes, written once when a form (or a document
 * version, a status) enters the {@link StateIndex}, so that an answer is assembled, not serialised.
 *
 * <p>Each fragment is written by the service's own mapper, field by field, in the order and with
 * the nulls {@link StateQueries} gives its answer (a missing field is written {@code null}, as an
 * {@code ObjectNode} holds it): the bytes of an answer are the bytes the SQL path's answer is
 * serialised to ({@code StateIndexTest}). Fields of a development's body are not looked at: a
 * field added to developments flows through as it is stored.
 */
final class Fragments {

    private final ObjectMapper json;

    Fragments(ObjectMapper json) {
        this.json = json;
    }

    /** A JSON value; Java's null (a missing field) as JSON's. */
    byte[] value(JsonNode node) {
        try {
            return json.writeValueAsBytes(node == null ? NullNode.getInstance() : node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] text(String text) {
        return value(TextNode.valueOf(text));
    }

    /**
     * JSON a projector wrote with this mapper ({@code Payloads.write}) and a view holds: its UTF-8
     * bytes as they are, which is what reading and writing it again gives (what the range scans
     * do), without doing it — most of what loading a negotiation from the views would cost.
     */
    static byte[] stored(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** {@link #claim(JsonNode, JsonNode, String, JsonNode)} from the JSON a view holds of its value, sources and basis. */
    byte[] claim(String storedValue, String storedSources, String eventId, String storedBasis) {
        Bytes claim = new Bytes(64).raw("{\"value\":").raw(stored(storedValue)).raw(",\"sources\":").raw(stored(storedSources))
                .raw(",\"eventId\":").raw(text(eventId));
        if (storedBasis != null) {
            basis(claim, Payloads.read(json, storedBasis));
        }
        return claim.raw("}").toArray();
    }

    /** One source's value of a claim: {@code {"value":…,"sources":…,"eventId":…[,"basis":…,"note":…]}}. */
    byte[] claim(JsonNode value, JsonNode sources, String eventId, JsonNode claim) {
        Bytes bytes = new Bytes(64).raw("{\"value\":").raw(value(value)).raw(",\"sources\":").raw(value(sources))
                .raw(",\"eventId\":").raw(text(eventId));
        if (claim != null && claim.hasNonNull("basis")) {
            basis(bytes, claim);
        }
        return bytes.raw("}").toArray();
    }

    /** {@code basis} and {@code note} when present, as {@link Payloads#copyBasis} adds them. */
    private void basis(Bytes out, JsonNode from) {
        for (String field : new String[] {"basis", "note"}) {
            if (from.hasNonNull(field)) {
                out.raw(",\"" + field + "\":").raw(value(from.get(field)));
            }
        }
    }

    /** A subject's opening, up to its values: {@code {"subject":…,"values":[}. */
    byte[] subjectOpening(String subject) {
        return new Bytes(32).raw("{\"subject\":").raw(text(subject)).raw(",\"values\":[").toArray();
    }

    /** A document at one version, up to its provisions: {@code {"id":…,…,"provisions":[}. */
    byte[] documentOpening(String documentId, JsonNode version) {
        return new Bytes(128).raw("{\"id\":").raw(text(documentId))
                .raw(",\"version\":").raw(value(version.get("version")))
                .raw(",\"label\":").raw(value(version.get("label")))
                .raw(",\"status\":").raw(value(version.get("status")))
                .raw(",\"textAvailable\":").raw(value(version.get("textAvailable")))
                .raw(",\"occurred\":").raw(value(version.get("occurred")))
                .raw(",\"provisions\":[").toArray();
    }

    /** A provision up to its status: {@code {"id":…,"number":…,"text":…,"topics":…,"status":}. */
    byte[] provisionOpening(JsonNode provision) {
        return new Bytes(128).raw("{\"id\":").raw(value(provision.get("id")))
                .raw(",\"number\":").raw(value(provision.get("number")))
                .raw(",\"text\":").raw(value(provision.get("text")))
                .raw(",\"topics\":").raw(value(provision.get("topics"))).raw(",\"status\":").toArray();
    }

    /** A provision's own status value. */
    byte[] ownStatus(JsonNode provision) {
        return value(provision.get("status"));
    }

    /**
     * What follows a provision's status, whichever status is shown: its {@code basis} and
     * {@code note}, and the outlets that reported it when not all of its version's did.
     */
    byte[] provisionMiddle(JsonNode provision) {
        Bytes middle = new Bytes(32);
        basis(middle, provision);
        if (provision.hasNonNull("sources")) {
            middle.raw(",\"sources\":").raw(value(provision.get("sources")));
        }
        return middle.toArray();
    }

    /** A status reported for a provision: its value, and what closes the provision after the middle. */
    StatusFragments reportedStatus(JsonNode status) {
        Bytes tail = new Bytes(64).raw(",\"statusBy\":").raw(value(status.get("by")))
                .raw(",\"statusSources\":").raw(value(status.get("sources")));
        if (status.hasNonNull("basis")) {
            tail.raw(",\"statusBasis\":").raw(value(status.get("basis")))
                    .raw(",\"statusNote\":").raw(value(status.get("note")));
        }
        return new StatusFragments(value(status.get("status")), tail.toArray());
    }

    /** A reported status's value and its {@code statusBy}, {@code statusSources} (and basis) fields. */
    record StatusFragments(byte[] value, byte[] tail) {
    }

    /**
     * JSON being assembled: a list of slices of arrays. Slices of a ready fragment of
     * {@value #SHARED} bytes or more are kept by reference, not copied (an answer is mostly
     * fragments the index holds, which never change); punctuation and short pieces are copied
     * into chunks of its own. Building an answer thus costs per part, not per byte; the bytes are
     * copied once, when written ({@link #writeTo}) or asked for ({@link #toArray}).
     */
    static final class Bytes {
        private static final int SHARED = 48;
        private static final int CHUNK = 1024;

        private byte[][] arrays = new byte[16][];
        private int[] starts = new int[16];
        private int[] ends = new int[16];
        private int slices;
        private byte[] chunk;
        private int chunkStart;
        private int chunkUsed;
        private int size;

        Bytes(int capacity) {
            chunk = new byte[Math.max(16, Math.min(capacity, CHUNK))];
        }

        Bytes raw(byte[] more) {
            return raw(more, 0, more.length);
        }

        Bytes raw(byte[] more, int from, int to) {
            int length = to - from;
            if (length >= SHARED) {
                closeChunk();
                slice(more, from, to);
            } else {
                ensure(length);
                System.arraycopy(more, from, chunk, chunkUsed, length);
                chunkUsed += length;
            }
            size += length;
            return this;
        }

        /** ASCII only: the punctuation and field names of the answer. */
        Bytes raw(String ascii) {
            ensure(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                chunk[chunkUsed++] = (byte) ascii.charAt(i);
            }
            size += ascii.length();
            return this;
        }

        Bytes comma(boolean first) {
            if (!first) {
                ensure(1);
                chunk[chunkUsed++] = ',';
                size++;
            }
            return this;
        }

        Bytes number(long value) {
            return raw(Long.toString(value));
        }

        /** Bytes appended so far. */
        int size() {
            return size;
        }

        /** Room for {@code more} bytes in the current chunk; a full chunk is closed, never moved (slices point into it). */
        private void ensure(int more) {
            if (chunkUsed + more > chunk.length) {
                closeChunk();
                chunk = new byte[Math.max(CHUNK, more)];
                chunkStart = 0;
                chunkUsed = 0;
            }
        }

        /** Ends the current chunk's slice, so that a shared slice can follow it in order. */
        private void closeChunk() {
            if (chunkUsed > chunkStart) {
                slice(chunk, chunkStart, chunkUsed);
                chunkStart = chunkUsed;
            }
        }

        private void slice(byte[] array, int from, int to) {
            if (slices == arrays.length) {
                arrays = Arrays.copyOf(arrays, slices * 2);
                starts = Arrays.copyOf(starts, slices * 2);
                ends = Arrays.copyOf(ends, slices * 2);
            }
            arrays[slices] = array;
            starts[slices] = from;
            ends[slices] = to;
            slices++;
        }

        void writeTo(OutputStream out) throws IOException {
            closeChunk();
            for (int i = 0; i < slices; i++) {
                out.write(arrays[i], starts[i], ends[i] - starts[i]);
            }
        }

        byte[] toArray() {
            closeChunk();
            byte[] bytes = new byte[size];
            int at = 0;
            for (int i = 0; i < slices; i++) {
                System.arraycopy(arrays[i], starts[i], bytes, at, ends[i] - starts[i]);
                at += ends[i] - starts[i];
            }
            return bytes;
        }

        @Override
        public String toString() {
            return new String(toArray(), StandardCharsets.UTF_8);
        }
    }
}
