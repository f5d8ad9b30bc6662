package org.negotiationtimeline.projection.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.consuming.CommitBarrier;
import org.negotiationtimeline.projection.consuming.ViewSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/** The stream hands out only positions up to its durable head. */
class StreamLogTest {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private final JdbcTemplate jdbc;
    private final StreamLog log;

    StreamLogTest() {
        h2.setURL("jdbc:h2:mem:stream_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        new ViewSchema(h2);
        jdbc = new JdbcTemplate(h2);
        log = new StreamLog(jdbc, new ObjectMapper(), new CommitBarrier(h2));
    }

    @AfterEach
    void shutDown() {
        jdbc.execute("SHUTDOWN");
    }

    @Test
    void entries_beyond_the_head_are_not_read() {
        for (long position = 1; position <= 3; position++) {
            jdbc.update("INSERT INTO stream_entry (position, negotiation_id, event_id, kind, forms, recorded_at, body)"
                    + " VALUES (?, 'n', ?, 'DEVELOPMENT', '[]', ?, '{}')", position, "e" + position, Timestamp.from(Instant.EPOCH));
        }
        jdbc.update("UPDATE stream_head SET last_position = 2 WHERE id = 1");

        long head = log.head();

        assertThat(head).isEqualTo(2);
        assertThat(log.after(0, head, 10)).extracting(StreamEntry::position).containsExactly(1L, 2L);
    }
}
