package org.negotiationtimeline.bench.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.negotiationtimeline.bench.report.Report;
import org.negotiationtimeline.bench.system.BenchSystem;

/**
 * Issue 8, item 6: heap the views take per million events. projection-service keeps its views in
 * its database, not on the heap, so this reports both: the service's live heap (after a full GC,
 * read with {@code jcmd GC.class_histogram}) before anything was written and after the import,
 * and the view database's size.
 */
public final class MemoryScenario {

    /** Live heap (bytes) and view database size (bytes) at one moment. */
    public record Footprint(long liveHeap, long databaseSize) {
    }

    private final BenchSystem system;
    private final Report report;

    public MemoryScenario(BenchSystem system, Report report) {
        this.system = system;
        this.report = report;
    }

    /** The footprint now; requires a projection-service this bench started (its pid). */
    public Footprint measure() {
        long pid = system.projectionProcess()
                .orElseThrow(() -> new IllegalStateException("memory needs a projection-service the bench started"))
                .pid();
        return new Footprint(liveHeap(pid), databaseSize(system.viewsDatabase()));
    }

    public void report(Footprint before, Footprint after, long events) {
        double perMillion = 1_000_000.0 / Math.max(1, events);
        double heapMb = (after.liveHeap() - before.liveHeap()) * perMillion / (1 << 20);
        double dbMb = (after.databaseSize() - before.databaseSize()) * perMillion / (1 << 20);
        report.add("memory", "projection-service live heap after the import: growth per million events", "MB", heapMb,
                Double.NaN, "1 measurement; " + events + " events; " + (before.liveHeap() >> 20) + " → "
                        + (after.liveHeap() >> 20) + " MB live");
        report.add("memory", "view database size per million events (PostgreSQL, on disk)", "MB", dbMb, Double.NaN,
                "1 measurement; " + (before.databaseSize() >> 20) + " → " + (after.databaseSize() >> 20) + " MB");
        // Extrapolated from fewer events the growth is mostly noise: judged only at the target's scale.
        report.verdict("≤ 1.5 GB heap for the views of 1M events", Report.format(heapMb) + " MB per million, from "
                + events + " events (views live in the database)", heapMb <= 1536 && events >= 1_000_000);
    }

    static long liveHeap(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), "GC.class_histogram"))
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("jcmd failed: " + out);
            }
            for (String line : out.split("\n")) {
                if (line.startsWith("Total")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[2]);
                }
            }
            throw new IllegalStateException("no Total in jcmd GC.class_histogram output");
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long databaseSize(String database) {
        try (Connection c = system.postgres().connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the size of " + database + ": " + e.getMessage(), e);
        }
    }
}
