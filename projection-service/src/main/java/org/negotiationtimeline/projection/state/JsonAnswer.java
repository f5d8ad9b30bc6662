package org.negotiationtimeline.projection.state;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A state answer as JSON, assembled from slices of the ready fragments the index holds: its bytes
 * are copied once, where they go ({@link #writeTo}, the HTTP response), not gathered first.
 * The fragments it points into are never changed, so an answer stays valid after the index moved on.
 */
public final class JsonAnswer {

    private final Fragments.Bytes bytes;

    JsonAnswer(Fragments.Bytes bytes) {
        this.bytes = bytes;
    }

    /** Its length in bytes (the response's Content-Length). */
    public int length() {
        return bytes.size();
    }

    public void writeTo(OutputStream out) throws IOException {
        bytes.writeTo(out);
    }

    /** A copy of its bytes. */
    public byte[] toByteArray() {
        return bytes.toArray();
    }
}
