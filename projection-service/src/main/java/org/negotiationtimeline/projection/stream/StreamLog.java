package org.negotiationtimeline.projection.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.negotiationtimeline.projection.consuming.CommitBarrier;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the stream table. Entries are numbered from 1 without gaps, and because a position is
 * taken under the lock of the {@code stream_head} row until the writing transaction ends, they
 * become visible in position order: whoever sees position p sees every position below it.
 *
 * <p>Only positions up to {@link #head()} are read, and the head is made durable before it is
 * returned ({@link CommitBarrier}): a position handed to a subscriber can never vanish in a crash
 * and be given to another event afterwards.
 */
public class StreamLog {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final CommitBarrier durable;
    private final AtomicLong rowsRead = new AtomicLong();

    public StreamLog(JdbcTemplate jdbc, ObjectMapper json, CommitBarrier durable) {
        this.jdbc = jdbc;
        this.json = json;
        this.durable = durable;
    }

    /**
     * The last committed position (0 when the stream is empty), durable: every position up to it can
     * be read, and none of them can be lost.
     */
    public long head() {
        Long head = jdbc.queryForObject("SELECT last_position FROM stream_head WHERE id = 1", Long.class);
        durable.await();
        return head == null ? 0 : head;
    }

    /** Up to {@code limit} entries in {@code (position, upTo]}, in position order, without gaps. */
    public List<StreamEntry> after(long position, long upTo, int limit) {
        return counted(jdbc.query("SELECT position, negotiation_id, event_id, kind, forms, body FROM stream_entry"
                + " WHERE position > ? AND position <= ? ORDER BY position LIMIT ?", (rs, i) -> entry(rs),
                position, upTo, limit));
    }

    /**
     * Up to {@code limit} entries in {@code (after, upTo]} that may match {@code filter}, in position
     * order: what a subscriber catching up reads. The negotiation, the types, the actor and the topic
     * are narrowed in SQL (the last three on the stored forms' JSON text, which can only let through
     * more than match, never fewer); {@link StreamFilter#matches} decides. {@code upTo} bounds the
     * rows one query may look at, however few match.
     */
    public List<StreamEntry> matching(long after, long upTo, StreamFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT position, negotiation_id, event_id, kind, forms, body FROM stream_entry"
                + " WHERE position > ? AND position <= ?");
        List<Object> arguments = new ArrayList<>(List.of(after, upTo));
        if (filter.negotiationId() != null) {
            sql.append(" AND negotiation_id = ?");
            arguments.add(filter.negotiationId());
        }
        if (!filter.types().isEmpty()) {
            sql.append(" AND (");
            String or = "";
            for (String type : filter.types()) {
                sql.append(or).append("forms LIKE ? ESCAPE '\\'");
                arguments.add(containing("\"type\":" + jsonText(type)));
                or = " OR ";
            }
            sql.append(')');
        }
        for (String value : new String[] {filter.actor(), filter.topic()}) {
            if (value != null) {
                sql.append(" AND forms LIKE ? ESCAPE '\\'");
                arguments.add(containing(jsonText(value)));
            }
        }
        sql.append(" ORDER BY position LIMIT ?");
        arguments.add(limit);
        return counted(jdbc.query(sql.toString(), (rs, i) -> entry(rs), arguments.toArray()));
    }

    /** Rows read from the table since the start, for operations and tests. */
    public long rowsRead() {
        return rowsRead.get();
    }

    private List<StreamEntry> counted(List<StreamEntry> rows) {
        rowsRead.addAndGet(rows.size());
        return rows;
    }

    /** A value as the forms' JSON spells it (the same mapper wrote them). */
    private String jsonText(String value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
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
