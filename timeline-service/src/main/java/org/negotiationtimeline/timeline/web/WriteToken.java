package org.negotiationtimeline.timeline.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token that writes must present. Comes from {@code TIMELINE_WRITE_TOKEN}; when that is
 * unset, a random token is generated once and kept in {@code <data-dir>/write-token}, so that it
 * survives restarts and a local user can read it.
 */
public final class WriteToken {

    private static final Logger log = LoggerFactory.getLogger(WriteToken.class);

    private final byte[] token;

    private WriteToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public static WriteToken resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            log.info("Writes need the bearer token given in TIMELINE_WRITE_TOKEN");
            return new WriteToken(configured.strip());
        }
        Path file = dataDir.resolve("write-token").toAbsolutePath();
        try {
            if (Files.exists(file)) {
                log.info("Writes need the bearer token in {}", file);
                return new WriteToken(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Not a POSIX file system; the file keeps the default permissions.
            }
            log.info("Generated a write token: writes need the bearer token in {}", file);
            return new WriteToken(generated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the write token " + file, e);
        }
    }

    /** The token itself, for clients inside this process (the dataset loader). */
    public String value() {
        return new String(token, StandardCharsets.UTF_8);
    }

    /** Constant-time comparison, so response times reveal nothing of the token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
