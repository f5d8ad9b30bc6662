package org.negotiationtimeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's guards: it refuses to measure what is not there, and says why. */
class BenchTest {

    @TempDir
    Path out;

    @Test
    void attaching_to_a_system_that_is_not_up_fails_loudly_and_writes_no_report() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }

        assertThatThrownBy(() -> Bench.run(new String[] {"--quick", "--out=" + out, "--attach",
                "--timeline=http://127.0.0.1:" + closed, "--projection=http://127.0.0.1:" + closed, "--token=t",
                "--kafka=127.0.0.1:" + closed, "--events-db=none", "--views-db=none"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no healthy service at http://127.0.0.1:" + closed);
        try (var written = Files.walk(out)) {
            assertThat(written.filter(p -> p.getFileName().toString().startsWith("report"))).isEmpty();
        }
    }

    @Test
    void an_unknown_option_or_scenario_is_refused() {
        assertThatThrownBy(() -> Bench.run(new String[] {"--fast"})).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> Bench.run(new String[] {"--only=ingest,speed"})).hasMessageContaining("--only takes");
    }

    @Test
    void the_docs_section_between_the_markers_is_replaced_and_the_rest_kept() throws IOException {
        Path docs = out.resolve("benchmarks.md");
        Files.writeString(docs, "# Benchmarks\nintro\n<!-- bench:latest -->\nold run\n<!-- /bench:latest -->\nafter\n");

        Bench.updateDocs(docs, "new run");

        assertThat(Files.readString(docs))
                .isEqualTo("# Benchmarks\nintro\n<!-- bench:latest -->\nnew run\n<!-- /bench:latest -->\nafter\n");
    }
}
