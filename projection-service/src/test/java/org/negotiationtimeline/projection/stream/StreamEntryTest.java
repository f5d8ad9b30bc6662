package org.negotiationtimeline.projection.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamEntryTest {

    @Test
    void compact_json_is_one_data_line() {
        String frame = frame(StreamEntry.Kind.DEVELOPMENT, 7, "{\"title\":\"Paris\\nsummit\"}");

        assertThat(frame).isEqualTo("event: development\nid: 7\ndata: {\"title\":\"Paris\\nsummit\"}\n\n");
    }

    @Test
    void a_line_break_of_any_kind_starts_a_data_line_of_its_own() {
        String frame = frame(StreamEntry.Kind.CORRECTION, 8, "{\r\n\"a\":1,\r\"b\":2\n}");

        assertThat(frame).isEqualTo("event: correction\nid: 8\ndata: {\ndata: \"a\":1,\ndata: \"b\":2\ndata: }\n\n");
    }

    private static String frame(StreamEntry.Kind kind, long position, String json) {
        return new String(StreamEntry.frame(kind, position, json), StandardCharsets.UTF_8);
    }
}
