package org.negotiationtimeline.projection.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A keyset cursor: the sort key of the last item of a page, opaque to clients (base64url of its
 * parts joined by a separator that no part contains). The next page starts after it.
 */
public final class Cursor {

    private static final String SEPARATOR = "\u001f"; // ASCII unit separator: in no id, time or number.
    private static final int MAX_LENGTH = 1024;

    private Cursor() {
    }

    public static String of(String... parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor this service made, or a 400 naming {@code cursor}. */
    public static List<String> parts(String cursor, int count) {
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            List<String> parts = List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(SEPARATOR, -1));
            if (parts.size() != count) {
                throw new IllegalArgumentException("wrong shape");
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static BadQueryException invalid() {
        return new BadQueryException("cursor", "is not a cursor of this list (take it from the Link header of the previous page)");
    }
}
