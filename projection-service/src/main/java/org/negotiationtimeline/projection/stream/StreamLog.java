package org.negotiationtimeline.projection.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the stream table. Entries are numbered from 1 without gaps, and because a position is
 * taken under the lock of the {@code stream_head} row until the writing transaction ends, they
 * become visible in position order: whoever sees position p sees every position below it.
 */
public class StreamLog {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public StreamLog(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The last committed position (0 when the stream is empty): every position up to it can be read. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT last_position FROM stream_head WHERE id = 1", Long.class);
        return head == null ? 0 : head;
    }

    /** Up to {@code limit} entries after {@code position}, in position order, without gaps. */
    public List<StreamEntry> after(long position, int limit) {
        return jdbc.query("SELECT position, negotiation_id, event_id, kind, forms, body FROM stream_entry"
                + " WHERE position > ? ORDER BY position LIMIT ?", (rs, i) -> entry(rs), position, limit);
    }

    private StreamEntry entry(ResultSet rs) throws SQLException {
        long position = rs.getLong("position");
        StreamEntry.Kind kind = StreamEntry.Kind.valueOf(rs.getString("kind"));
        List<StreamEntry.Form> forms = new ArrayList<>();
        for (JsonNode form : Payloads.read(json, rs.getString("forms"))) {
            forms.add(new StreamEntry.Form(form.path("type").asText(), texts(form.path("actors")), texts(form.path("topics"))));
        }
        return new StreamEntry(position, rs.getString("negotiation_id"), rs.getString("event_id"), kind, List.copyOf(forms),
                StreamEntry.frame(kind, position, rs.getString("body")));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new LinkedHashSet<>();
        array.forEach(element -> texts.add(element.asText()));
        return Set.copyOf(texts);
    }
}
