package org.negotiationtimeline.projection.consuming;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes what a reader has just read from the views durable before the reader hands it on.
 *
 * <p>H2 (the embedded default) shows a committed transaction to other sessions a moment before its
 * commit has written it to the file: MVStore marks the transaction committed, then stores it. A
 * process killed in that moment loses the transaction. The consumer loses nothing by it (its commit
 * never returned, and the batch's positions went with it, so it applies the batch again from the
 * topic), but a reader that saw the batch would have shown something that then vanished: views that
 * go backwards, and stream positions handed to an SSE client that are then given to other events
 * (seen at full scale in {@code ProjectionCrashH2IT}: 5,518 developments before a kill, 5,018 after).
 *
 * <p>{@link #await} runs H2's {@code CHECKPOINT}, which waits for a store under way and stores
 * whatever is pending, so everything visible before the call is in the file when it returns (not
 * synced to the disk: a power loss is another matter, docs/reliability.md). It costs a lock and a
 * check when nothing is pending. PostgreSQL shows a commit only once it is in its WAL: nothing to do.
 */
public final class CommitBarrier {

    private final JdbcTemplate jdbc;
    private final boolean visibleBeforeDurable;

    public CommitBarrier(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.visibleBeforeDurable = isH2(dataSource);
    }

    /** Returns once everything committed so far, as other sessions see it, is in the database's file. */
    public void await() {
        if (visibleBeforeDurable) {
            jdbc.execute("CHECKPOINT");
        }
    }

    private static boolean isH2(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "H2".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot tell which database holds the views", e);
        }
    }
}
