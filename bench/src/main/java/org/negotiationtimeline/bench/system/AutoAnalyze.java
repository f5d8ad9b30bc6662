package org.negotiationtimeline.bench.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Does autovacuum's analysing when the server's autovacuum is off: {@code ANALYZE} on the bench's
 * databases at a fixed period.
 *
 * <p>Why: this machine's PostgreSQL runs with {@code autovacuum = off}. Without statistics the
 * planner takes a table that grew since it was created for empty and scans it; the event index's
 * lookup did, thousands of times over tens of thousands of rows, and the import slowed as the
 * table grew. A production server (autovacuum on, the default) would not plan that, so neither
 * should the figures.
 */
final class AutoAnalyze implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    private AutoAnalyze(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Started when the server's autovacuum is off; empty when it is on. */
    static Optional<AutoAnalyze> startIfNeeded(BenchSystem.Postgres postgres, Supplier<List<String>> databases,
                                               Duration period) {
        if (autovacuumOn(postgres)) {
            return Optional.empty();
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-analyze");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> databases.get().forEach(database -> analyze(postgres, database)),
                period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return Optional.of(new AutoAnalyze(scheduler));
    }

    private static boolean autovacuumOn(BenchSystem.Postgres postgres) {
        try (Connection connection = postgres.connect("postgres"); Statement sql = connection.createStatement();
             ResultSet setting = sql.executeQuery("SHOW autovacuum")) {
            setting.next();
            return "on".equals(setting.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's autovacuum setting: " + e.getMessage(), e);
        }
    }

    private static void analyze(BenchSystem.Postgres postgres, String database) {
        try (Connection connection = postgres.connect(database); Statement sql = connection.createStatement()) {
            sql.execute("ANALYZE");
        } catch (SQLException e) {
            // A database dropped meanwhile (a finished scenario's): nothing to analyse.
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
