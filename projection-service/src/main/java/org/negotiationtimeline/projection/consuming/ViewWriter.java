package org.negotiationtimeline.projection.consuming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes view rows for a whole batch at once: one JDBC batch per statement instead of one round
 * trip per row. Applying a record used to take about ten round trips to the view database, which
 * bounded the projection at about a thousand records a second (docs/benchmarks.md).
 *
 * <p>Within a transaction, writes are held until {@link #flush} (which the consumer calls at the
 * end of every batch, and which also runs before commit). They are then run in this order, which
 * is what lets them be grouped by statement:
 * <ol>
 *   <li>{@link #insert inserts}, grouped by statement in the order each statement was first used,
 *       rows of one statement in the order they were given. Inserts never depend on an update;</li>
 *   <li>{@link #update updates}, grouped the same way. They must commute with each other (an
 *       increment, a maximum, setting a column that is set once): that is the caller's promise;</li>
 *   <li>{@link #replace replacements}: of several with the same slot only the last one runs.</li>
 * </ol>
 * Anything that reads view tables while applying must read through {@link #read()}, which flushes
 * first, so it sees every write of the batch so far. Outside a transaction every write runs at once.
 *
 * <p>Limits: a constraint violation surfaces at the flush, not at the write; the consumer then
 * applies the batch record by record to find the culprit (see {@link BatchApplier}).
 */
public class ViewWriter {

    private final JdbcTemplate jdbc;
    private final Object key = new Object();

    public ViewWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String sql, Object... args) {
        write(sql, args, Phase.INSERT, sql);
    }

    public void update(String sql, Object... args) {
        write(sql, args, Phase.UPDATE, sql);
    }

    /** An update that supersedes any earlier one with the same {@code slot} in this batch. */
    public void replace(String slot, String sql, Object... args) {
        write(sql, args, Phase.REPLACE, slot);
    }

    /** The template to read views with, once every write held so far has been run. */
    public JdbcTemplate read() {
        flush();
        return jdbc;
    }

    /** Runs the writes held in this transaction, if any. */
    public void flush() {
        if (BatchScope.active()) {
            pending().runOn(jdbc);
        }
    }

    private void write(String sql, Object[] args, Phase phase, String slot) {
        if (!BatchScope.active()) {
            jdbc.update(sql, args);
            return;
        }
        pending().add(phase, slot, sql, args);
    }

    private Pending pending() {
        return BatchScope.get(key, Pending::new, pending -> pending.runOn(jdbc));
    }

    private enum Phase { INSERT, UPDATE, REPLACE }

    private record Statement(String sql, List<Object[]> rows) {
    }

    /** The writes held in one transaction, by phase and then by statement (or slot). */
    private static final class Pending {
        private final Map<Phase, Map<String, Statement>> phases = new LinkedHashMap<>();

        Pending() {
            for (Phase phase : Phase.values()) {
                phases.put(phase, new LinkedHashMap<>());
            }
        }

        void add(Phase phase, String slot, String sql, Object[] args) {
            Map<String, Statement> statements = phases.get(phase);
            if (phase == Phase.REPLACE) {
                statements.put(slot, new Statement(sql, List.<Object[]>of(args)));
            } else {
                statements.computeIfAbsent(slot, s -> new Statement(sql, new ArrayList<>())).rows().add(args);
            }
        }

        void runOn(JdbcTemplate jdbc) {
            for (Map<String, Statement> statements : phases.values()) {
                for (Statement statement : statements.values()) {
                    if (statement.rows().size() == 1) {
                        jdbc.update(statement.sql(), statement.rows().get(0));
                    } else {
                        jdbc.batchUpdate(statement.sql(), statement.rows());
                    }
                }
                statements.clear();
            }
        }
    }
}
