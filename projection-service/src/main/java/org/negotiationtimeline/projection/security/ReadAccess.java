package org.negotiationtimeline.projection.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Optional read protection ({@code projection.read-token}, env {@code PROJECTION_READ_TOKEN}):
 * empty, reads are open (the default); set, every request but health needs
 * {@code Authorization: Bearer <token>}. A token shorter than {@link #MIN_LENGTH} is refused at start.
 */
@ConfigurationProperties("projection")
public record ReadAccess(@DefaultValue("") String readToken) {

    public static final int MIN_LENGTH = 32;

    public ReadAccess {
        readToken = readToken == null ? "" : readToken.strip();
        if (!readToken.isEmpty() && readToken.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("projection.read-token must be at least " + MIN_LENGTH
                    + " characters (or empty: reads open)");
        }
    }

    public boolean protectedReads() {
        return !readToken.isEmpty();
    }
}
