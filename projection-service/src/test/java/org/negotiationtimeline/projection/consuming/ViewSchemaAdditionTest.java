package org.negotiationtimeline.projection.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A table added to schema.sql at the same version appears in an existing database, and nothing is rebuilt. */
class ViewSchemaAdditionTest {

    @Test
    void a_new_table_is_added_without_dropping_the_views() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:schema_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        new ViewSchema(h2);
        jdbc.update("INSERT INTO consumed_offset (topic, kafka_partition, next_offset) VALUES ('negotiation-events', 0, 42)");
        jdbc.execute("DROP TABLE applied_event"); // as a database from before the table was added

        new ViewSchema(h2);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM applied_event", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT next_offset FROM consumed_offset", Long.class)).isEqualTo(42);
        jdbc.execute("SHUTDOWN");
    }
}
