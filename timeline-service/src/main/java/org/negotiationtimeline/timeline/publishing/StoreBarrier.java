package org.negotiationtimeline.timeline.publishing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the events the publisher has just read durable before they are sent to Kafka.
 *
 * <p>H2 (the embedded default) shows a committed transaction to other sessions a moment before its
 * commit has written it to the file. The publisher reads the store through another session, so it
 * could send an event that a crash in that moment then takes out of the store: the command's caller
 * never got its 201, but the topic would hold an event the store does not, and the store would give
 * its sequence to another event. {@link #await} runs H2's {@code CHECKPOINT}, which waits for a
 * store under way and stores whatever is pending: every event read before the call is in the file
 * when it returns. PostgreSQL shows a commit only once it is in its WAL: nothing to do.
 */
public final class StoreBarrier {

    private final JdbcTemplate jdbc;
    private final boolean visibleBeforeDurable;

    public StoreBarrier(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.visibleBeforeDurable = isH2(dataSource);
    }

    /** Returns once everything committed so far, as other sessions see it, is in the store's file. */
    public void await() {
        if (visibleBeforeDurable) {
            jdbc.execute("CHECKPOINT");
        }
    }

    private static boolean isH2(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "H2".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot tell which database holds the event store", e);
        }
    }
}
