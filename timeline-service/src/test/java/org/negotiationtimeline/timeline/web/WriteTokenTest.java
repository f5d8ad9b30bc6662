package org.negotiationtimeline.timeline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteTokenTest {

    @TempDir
    Path temp;

    @Test
    void a_configured_token_shorter_than_32_characters_is_refused_without_being_named() {
        assertThatThrownBy(() -> WriteToken.resolve("short-secret", temp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32")
                .hasMessageNotContaining("short-secret");
        assertThat(WriteToken.resolve("x".repeat(32), temp).matches("x".repeat(32))).isTrue();
    }

    @Test
    void a_generated_token_is_written_for_the_owner_alone_into_a_private_directory() throws IOException {
        Path dataDir = temp.resolve("data");

        WriteToken token = WriteToken.resolve("", dataDir);

        Path file = dataDir.resolve("write-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(token.matches(Files.readString(file).strip())).isTrue();
        assertThat(Files.readString(file).strip()).hasSizeGreaterThanOrEqualTo(WriteToken.MIN_LENGTH);
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("write-token");
        }
        // Kept across restarts.
        assertThat(WriteToken.resolve(null, dataDir).matches(token.value())).isTrue();
    }

    @Test
    void a_token_file_too_short_is_refused() throws IOException {
        Files.writeString(temp.resolve("write-token"), "abc\n");
        assertThatThrownBy(() -> WriteToken.resolve(null, temp)).hasMessageContaining("at least 32");
    }
}
