package org.negotiationtimeline.bench.ingest;

import java.util.Arrays;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.negotiationtimeline.bench.Scale;
import org.negotiationtimeline.bench.report.Report;
import org.negotiationtimeline.bench.report.Stats;
import org.negotiationtimeline.bench.system.Api;
import org.negotiationtimeline.bench.system.BenchSystem;
import org.negotiationtimeline.bench.system.Progress;
import org.negotiationtimeline.bench.workload.Command;
import org.negotiationtimeline.bench.workload.Lanes;
import org.negotiationtimeline.bench.workload.Workload;

/**
 * Issue 8, item 1: developments accepted per second over HTTP at 1, 16 and 64 concurrent
 * clients, and how long until the last of them is visible in the projection; beside Axon's
 * event store appending alone and the raw Kafka producer on the same broker.
 *
 * <p>Each client writes to its own negotiation (a negotiation's writes are serialised by its
 * aggregate anyway). Throughput is per run, its median taken over {@code repeats} runs; request
 * latency pools every request of those runs.
 */
public final class IngestScenario {

    private final BenchSystem system;
    private final Api api;
    private final Workload workload;
    private final Scale scale;
    private final Report report;

    public IngestScenario(BenchSystem system, Api api, Workload workload, Scale scale, Report report) {
        this.system = system;
        this.api = api;
        this.workload = workload;
        this.scale = scale;
        this.report = report;
    }

    public void run() {
        double at16 = Double.NaN;
        double baseline16 = Double.NaN;
        try (AxonAppendBaseline axon = new AxonAppendBaseline(system, 64)) {
            for (int clients : scale.ingestClients()) {
                double[] rates = new double[scale.repeats()];
                double[] axonRates = new double[scale.repeats()];
                double[] visible = new double[scale.repeats()];
                List<long[]> latencies = new ArrayList<>();
                for (int r = 0; r < scale.repeats(); r++) {
                    List<List<Command>> lanes = setUp("ingest-" + clients + "c-r" + r, clients);
                    Lanes.Outcome outcome = Lanes.run(lanes, clients, api::write);
                    long lastAccepted = System.nanoTime();
                    rates[r] = outcome.perSecond();
                    latencies.add(outcome.latencies());
                    visible[r] = (awaitVisible(lanes) - lastAccepted) / 1e6;
                    axonRates[r] = axon.append(lanes("axon-" + clients + "c-r" + r, clients), clients).perSecond();
                }
                double rate = Stats.median(rates);
                double axonRate = Stats.median(axonRates);
                report.add("ingest", "HTTP, " + clients + " client(s)", "developments/s", rate, Double.NaN,
                        scale.repeats() + " runs of " + scale.ingestPerLevel());
                report.add("ingest", "HTTP, " + clients + " client(s): request latency", "ms",
                        Stats.median(Stats.millis(concat(latencies))), Stats.p99(Stats.millis(concat(latencies))),
                        scale.repeats() * scale.ingestPerLevel() + " requests");
                report.add("ingest", "HTTP, " + clients + " client(s): last 201 → visible in projection", "ms",
                        Stats.median(visible), Stats.p99(visible), scale.repeats() + " runs");
                report.add("ingest", "baseline: Axon event store append alone, " + clients + " client(s)",
                        "events/s", axonRate, Double.NaN, scale.repeats() + " runs of " + scale.ingestPerLevel());
                report.add("ingest", "ratio HTTP / Axon append, " + clients + " client(s)", "×", rate / axonRate,
                        Double.NaN, "medians");
                if (clients == 16) {
                    at16 = rate;
                    baseline16 = axonRate;
                }
            }
        }
        double[] kafkaRates = new double[scale.repeats()];
        for (int r = 0; r < scale.repeats(); r++) {
            // Ten times the writes of one run: a rate over a few hundred records would mostly time the start.
            List<Command> records = new ArrayList<>();
            for (int copy = 0; copy < 10; copy++) {
                lanes("kafka-r" + r + "-" + copy, 16).forEach(records::addAll);
            }
            kafkaRates[r] = KafkaProducerBaseline.run(system.kafkaBootstrapServers(), records, "bench-producer-baseline-" + r);
        }
        report.add("ingest", "baseline: raw KafkaProducer, same broker, acks=all", "records/s",
                Stats.median(kafkaRates), Double.NaN, scale.repeats() + " runs of " + 10 * scale.ingestPerLevel());
        if (!Double.isNaN(at16)) {
            report.verdict("single-request ingest ≥ 3,000/s at 16 clients",
                    Report.format(at16) + "/s (Axon append alone: " + Report.format(baseline16) + "/s)", at16 >= 3000);
        }
    }

    /** The developments of {@code clients} negotiations, one lane (client) each. */
    private List<List<Command>> lanes(String prefix, int clients) {
        List<List<Command>> lanes = new ArrayList<>();
        int perLane = Math.max(1, scale.ingestPerLevel() / clients);
        for (int lane = 0; lane < clients; lane++) {
            String nid = workload.negotiation(prefix + "-" + lane);
            List<Command> developments = new ArrayList<>();
            for (int i = 0; i < perLane; i++) {
                developments.add(workload.development(nid, i));
            }
            lanes.add(developments);
        }
        return lanes;
    }

    /** Creates the negotiations (and actors) of {@link #lanes}: not part of what is measured. */
    private List<List<Command>> setUp(String prefix, int clients) {
        List<List<Command>> setUp = new ArrayList<>();
        for (int lane = 0; lane < clients; lane++) {
            setUp.add(workload.setUp(workload.negotiation(prefix + "-" + lane)));
        }
        Lanes.run(setUp, clients, api::write);
        return lanes(prefix, clients);
    }

    /** Polls until the last development of every lane is served by projection-service. */
    private long awaitVisible(List<List<Command>> lanes) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (List<Command> lane : lanes) {
            String last = lane.get(lane.size() - 1).eventId();
            while (api.read("/api/events/" + last) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(last + " accepted but not visible in projection-service after 120 s");
                }
                Progress.pause(Duration.ofMillis(5));
            }
        }
        return System.nanoTime();
    }

    private static long[] concat(List<long[]> arrays) {
        return arrays.stream().flatMapToLong(Arrays::stream).toArray();
    }
}
