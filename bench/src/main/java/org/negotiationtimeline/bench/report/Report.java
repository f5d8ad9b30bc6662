package org.negotiationtimeline.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run measured: for each scenario, the product's figure beside its baseline from the
 * same run, and the target from issue 8 with an honest verdict. Written as JSON (for tools) and
 * Markdown (for people; its summary is what docs/benchmarks.md carries).
 */
public final class Report {

    /**
     * One measured figure.
     *
     * @param scenario e.g. "ingest"
     * @param what     what was measured, e.g. "HTTP, 16 clients"
     * @param unit     e.g. "developments/s" or "ms"
     * @param median   median over the samples (repeats or requests, see {@code samples})
     * @param p99      99th percentile of the same samples, or NaN where there are too few to mean anything
     * @param samples  how many values the median and p99 are taken over, and of what
     */
    public record Row(String scenario, String what, String unit, double median, double p99, String samples) {
    }

    /** A target of issue 8 and where the product stands against it in this run. */
    public record Verdict(String target, String measured, boolean met) {
    }

    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<Verdict> verdicts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Instant started;

    public Report(Instant started) {
        this.started = started;
    }

    public void environment(String key, Object value) {
        environment.put(key, value);
    }

    public Row add(String scenario, String what, String unit, double median, double p99, String samples) {
        Row row = new Row(scenario, what, unit, median, p99, samples);
        rows.add(row);
        System.out.printf(Locale.ROOT, "[bench] %-8s %-58s median %12s  p99 %12s %s (%s)%n",
                scenario, what, format(median), format(p99), unit, samples);
        return row;
    }

    public void verdict(String target, String measured, boolean met) {
        verdicts.add(new Verdict(target, measured, met));
        System.out.printf(Locale.ROOT, "[bench] target %s: %s — %s%n", target, measured, met ? "met" : "NOT met");
    }

    public void note(String note) {
        notes.add(note);
        System.out.println("[bench] note: " + note);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public List<Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    /** Writes report.json and report.md into {@code directory}; returns the Markdown. */
    public String write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started", started.toString());
        json.put("environment", environment);
        json.put("rows", rows);
        json.put("verdicts", verdicts);
        json.put("notes", notes);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(directory.resolve("report.json").toFile(), json);
        String markdown = markdown();
        Files.writeString(directory.resolve("report.md"), markdown);
        return markdown;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Run started ").append(started).append(".\n\n");
        md.append("| | |\n| --- | --- |\n");
        environment.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n### Targets\n\n| target | this run | |\n| --- | --- | --- |\n");
        for (Verdict v : verdicts) {
            md.append("| ").append(v.target()).append(" | ").append(v.measured()).append(" | ")
                    .append(v.met() ? "met" : "**not met**").append(" |\n");
        }
        md.append("\n### Measurements\n\n| scenario | what | median | p99 | unit | over |\n"
                + "| --- | --- | ---: | ---: | --- | --- |\n");
        for (Row r : rows) {
            md.append("| ").append(r.scenario()).append(" | ").append(r.what()).append(" | ")
                    .append(format(r.median())).append(" | ").append(format(r.p99())).append(" | ")
                    .append(r.unit()).append(" | ").append(r.samples()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n### Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
