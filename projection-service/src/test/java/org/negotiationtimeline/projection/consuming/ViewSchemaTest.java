package org.negotiationtimeline.projection.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Views of an older layout are dropped, positions included, so they are rebuilt from the topic. */
class ViewSchemaTest {

    @Test
    void views_of_an_older_layout_are_dropped_to_be_rebuilt_and_current_ones_are_kept() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // The first layout: no version table, a development_view, positions.
        jdbc.execute("CREATE TABLE consumed_offset (topic VARCHAR(249), kafka_partition INT, next_offset BIGINT)");
        jdbc.execute("CREATE TABLE development_view (event_id VARCHAR(128) PRIMARY KEY)");
        jdbc.update("INSERT INTO consumed_offset VALUES ('negotiation-events', 0, 42)");

        new ViewSchema(dataSource);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM consumed_offset", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT version FROM view_schema", Integer.class)).isEqualTo(ViewSchema.VERSION);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'DEVELOPMENT_VIEW'",
                Integer.class)).isZero();

        jdbc.update("INSERT INTO consumed_offset VALUES ('negotiation-events', 0, 7)");
        new ViewSchema(dataSource);

        assertThat(jdbc.queryForObject("SELECT next_offset FROM consumed_offset", Long.class)).isEqualTo(7);
    }
}
