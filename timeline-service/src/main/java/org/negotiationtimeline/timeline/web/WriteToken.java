package org.negotiationtimeline.timeline.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token that writes must present. Comes from {@code TIMELINE_WRITE_TOKEN}; when that is
 * unset, a random token is generated once and kept in {@code <data-dir>/write-token} (mode 0600),
 * so that it survives restarts and the local user can read it. Never logged.
 */
public final class WriteToken {

    private static final Logger log = LoggerFactory.getLogger(WriteToken.class);

    /** A shorter token is refused at start: 32 characters of base64 are 192 bits. */
    public static final int MIN_LENGTH = 32;

    private final byte[] token;

    private WriteToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public static WriteToken resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            log.info("Writes need the bearer token given in TIMELINE_WRITE_TOKEN");
            return checked(configured.strip(), "TIMELINE_WRITE_TOKEN");
        }
        Path file = dataDir.resolve("write-token").toAbsolutePath();
        try {
            if (Files.exists(file)) {
                log.info("Writes need the bearer token in {}", file);
                return checked(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            createPrivately(file, generated + "\n");
            log.info("Generated a write token: writes need the bearer token in {}", file);
            return new WriteToken(generated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the write token " + file, e);
        }
    }

    private static WriteToken checked(String token, String from) {
        if (token.length() < MIN_LENGTH) {
            // The message names where the token came from, never the token.
            throw new IllegalStateException("the write token in " + from + " has " + token.length()
                    + " characters; at least " + MIN_LENGTH + " are needed (e.g. openssl rand -base64 32)");
        }
        return new WriteToken(token);
    }

    /**
     * Writes the file with owner-only permissions from its first byte: into a temporary file
     * created at 0600 beside it, then moved into place atomically, so no reader ever sees it at the
     * umask's 0644 or half written. The directory, when this creates it, is 0700.
     */
    static void createPrivately(Path file, String content) throws IOException {
        Path dir = file.getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        Path temporary = posix
                ? Files.createTempFile(dir, ".write-token", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".write-token", ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
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
