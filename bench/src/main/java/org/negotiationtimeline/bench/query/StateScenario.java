package org.negotiationtimeline.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.negotiationtimeline.bench.Scale;
import org.negotiationtimeline.bench.bulk.ImportScenario.Imported;
import org.negotiationtimeline.bench.report.Report;
import org.negotiationtimeline.bench.report.Stats;
import org.negotiationtimeline.bench.system.Api;
import org.negotiationtimeline.bench.system.BenchSystem;
import org.negotiationtimeline.bench.workload.Workload;

/**
 * Issue 8, item 3: latency of {@code GET /state} over HTTP at random (negotiation, at, knownAt)
 * over the imported history, one query at a time; beside (a) replaying the negotiation from the
 * event store and folding it, per query ({@link ReplayFold}). Item 3(b), in-process, is the JMH
 * benchmark in {@code org.negotiationtimeline.bench.state}.
 */
public final class StateScenario {

    /** One question: the state of a negotiation at a valid time, as known at a transaction time. */
    record Question(String negotiation, Instant at, Instant knownAt) {
    }

    private final BenchSystem system;
    private final Api api;
    private final Scale scale;
    private final Report report;

    public StateScenario(BenchSystem system, Api api, Scale scale, Report report) {
        this.system = system;
        this.api = api;
        this.scale = scale;
        this.report = report;
    }

    public void run(Imported imported) throws Exception {
        List<Question> questions = questions(imported, new Random(8), scale.stateQueries());
        for (int warm = 0; warm < Math.min(200, questions.size()); warm++) {
            ask(questions.get(warm)); // JIT and connection pools first
        }
        List<Double> http = new ArrayList<>();
        List<Double> replay = new ArrayList<>();
        long found = 0;
        try (Connection events = system.postgres().connect(system.eventsDatabase())) {
            for (int r = 0; r < scale.repeats(); r++) {
                for (Question q : questions) {
                    long t0 = System.nanoTime();
                    JsonNode answer = ask(q);
                    http.add((System.nanoTime() - t0) / 1e6);
                    if (answer == null || !q.negotiation().equals(answer.path("negotiationId").asText())) {
                        throw new IllegalStateException("/state of " + q.negotiation() + " answered " + answer);
                    }
                }
                for (Question q : questions.subList(0, Math.min(scale.replayQueries(), questions.size()))) {
                    long t0 = System.nanoTime();
                    int size = ReplayFold.state(events, q.negotiation(), q.at(), q.knownAt());
                    replay.add((System.nanoTime() - t0) / 1e6);
                    found += size;
                }
            }
        }
        if (found == 0) {
            throw new IllegalStateException("the replays found nothing at all: wrong event store database?");
        }
        double[] h = http.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = replay.stream().mapToDouble(Double::doubleValue).toArray();
        String over = imported.events() + " events in " + imported.negotiations().size() + " negotiations";
        report.add("state", "GET /state over HTTP (" + over + ")", "ms", Stats.median(h), Stats.p99(h),
                h.length + " queries, " + scale.repeats() + " runs");
        report.add("state", "baseline (a): replay from the event store and fold, per query", "ms", Stats.median(b),
                Stats.p99(b), b.length + " queries, in-process JDBC, no HTTP");
        double ratio = Stats.median(b) / Stats.median(h);
        report.add("state", "ratio replay / view (medians)", "×", ratio, Double.NaN, "same run");
        report.verdict("/state p99 ≤ 2 ms over HTTP at 1M events", Report.format(Stats.p99(h)) + " ms at "
                + imported.events() + " events", Stats.p99(h) <= 2.0 && imported.events() >= 1_000_000);
        report.verdict("/state ≥ 10× faster than replaying from the event store", Report.format(ratio) + "×", ratio >= 10);
    }

    private JsonNode ask(Question q) {
        return api.read("/api/negotiations/" + q.negotiation() + "/state?at=" + q.at() + "&knownAt=" + q.knownAt());
    }

    /** Valid times across the generated range; half the knownAt during the import, half after it. */
    static List<Question> questions(Imported imported, Random random, int count) {
        long validFrom = Workload.firstInstant().toEpochMilli();
        long validSpan = Workload.lastInstant().toEpochMilli() - validFrom;
        long knownFrom = imported.recordedFrom().toEpochMilli();
        long knownSpan = Math.max(1, imported.recordedUntil().toEpochMilli() - knownFrom);
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String nid = imported.negotiations().get(random.nextInt(imported.negotiations().size()));
            Instant at = Instant.ofEpochMilli(validFrom + (long) (random.nextDouble() * validSpan));
            Instant knownAt = random.nextBoolean()
                    ? Instant.ofEpochMilli(knownFrom + (long) (random.nextDouble() * knownSpan))
                    : imported.recordedUntil().plusSeconds(3600);
            questions.add(new Question(nid, at, knownAt));
        }
        return questions;
    }
}
