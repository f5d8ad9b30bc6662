package org.negotiationtimeline.projection.consuming;

import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Creates the view tables, and rebuilds them when their layout changed: views are derived data, so
 * instead of migrations, a new {@link #VERSION} drops every view table (positions included) and the
 * consumer refills them from offset 0 of the topic.
 */
public class ViewSchema {

    /**
     * Bump whenever what the projectors write, or an existing table of schema.sql, changes, and when
     * a new table must be filled from the history already applied; a new table that starts empty
     * ({@code CREATE TABLE IF NOT EXISTS}) needs no bump. 6: the timeline's actor and topic side tables.
     * 7: {@code inferred} on development, claim, position and status rows ({@code basis=REPORTED}).
     */
    public static final int VERSION = 7;

    private static final Logger log = LoggerFactory.getLogger(ViewSchema.class);

    public ViewSchema(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Integer current = currentVersion(jdbc);
        if (current != null && current == VERSION) {
            // schema.sql only adds what is missing: a table added at the same version (e.g.
            // applied_event) appears without a rebuild, which would renumber the SSE positions.
            new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(dataSource);
            return;
        }
        if (current != null || tableExists(jdbc, "consumed_offset")) {
            log.warn("View schema {} found, {} needed: dropping the views to rebuild them from the topic",
                    current, VERSION);
            new ResourceDatabasePopulator(new ClassPathResource("drop.sql")).execute(dataSource);
        }
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(dataSource);
        jdbc.update("DELETE FROM view_schema");
        jdbc.update("INSERT INTO view_schema (version) VALUES (?)", VERSION);
    }

    private static Integer currentVersion(JdbcTemplate jdbc) {
        if (!tableExists(jdbc, "view_schema")) {
            return null;
        }
        List<Integer> versions = jdbc.queryForList("SELECT version FROM view_schema", Integer.class);
        return versions.isEmpty() ? null : versions.get(0);
    }

    private static boolean tableExists(JdbcTemplate jdbc, String table) {
        Integer found = jdbc.queryForObject(
                "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = ?", Integer.class, table);
        return found != null && found > 0;
    }
}
