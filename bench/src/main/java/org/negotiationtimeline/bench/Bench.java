package org.negotiationtimeline.bench;

import java.net.URI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.negotiationtimeline.bench.bulk.ImportScenario;
import org.negotiationtimeline.bench.ingest.IngestScenario;
import org.negotiationtimeline.bench.memory.MemoryScenario;
import org.negotiationtimeline.bench.query.StateScenario;
import org.negotiationtimeline.bench.rebuild.RebuildScenario;
import org.negotiationtimeline.bench.report.Report;
import org.negotiationtimeline.bench.state.JmhScenario;
import org.negotiationtimeline.bench.system.Api;
import org.negotiationtimeline.bench.system.BenchSystem;
import org.negotiationtimeline.bench.system.HotMethods;
import org.negotiationtimeline.bench.stream.StreamScenario;
import org.negotiationtimeline.bench.workload.Workload;

/**
 * The benchmark run (docs/benchmarks.md): starts the system on PostgreSQL with its embedded
 * broker, or attaches to a running one, runs the scenarios of issue 8 each beside its baseline,
 * and writes report.json and report.md under bench/results/. Exits non-zero, with the reason,
 * when anything fails — a run that cannot measure reports nothing.
 *
 * <pre>
 * bench/run [--quick | --full | --import=NEGOTIATIONSxDEVELOPMENTSxVERSIONS]
 *           [--only=ingest,import,state,rebuild,stream,memory,jmh] [--profile] [--update-docs]
 *           [--attach --timeline=URL --projection=URL --token=T --kafka=HOST:PORT --events-db=DB --views-db=DB]
 * </pre>
 */
public final class Bench {

    private static final Set<String> ALL = Set.of("ingest", "import", "state", "rebuild", "stream", "memory", "jmh");

    public static void main(String[] args) {
        try {
            Path report = run(args);
            System.out.println("[bench] report: " + report.toAbsolutePath());
        } catch (Exception e) {
            System.err.println("[bench] FAILED: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // HTTP and Kafka client threads must not keep the JVM alive
    }

    /** Runs the bench; returns the directory holding the report. */
    public static Path run(String[] args) throws Exception {
        Options options = Options.parse(args);
        Instant started = Instant.now();
        Path out = options.out().resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(started) + "-" + options.scale().name().replaceAll("[^a-z0-9x]", ""));
        Files.createDirectories(out);
        Report report = new Report(started);
        describeMachine(report, options);
        Workload workload = new Workload(42, Long.toString(started.getEpochSecond(), 36));
        List<String> jvmExtra = new ArrayList<>();
        if (options.profile()) {
            jvmExtra.add("-XX:StartFlightRecording=filename=" + out.resolve("logs").toAbsolutePath()
                    + "/,settings=profile,dumponexit=true");
        }
        try (BenchSystem system = options.attach()
                ? BenchSystem.attach(options.timeline(), options.projection(), options.token(), options.kafka(),
                        options.postgres(), options.eventsDatabase(), options.viewsDatabase(), out)
                : BenchSystem.start(options.timelineJar(), options.projectionJar(), options.postgres(), out, jvmExtra)) {
            Api api = new Api(system);
            Scale scale = options.scale();
            MemoryScenario memory = new MemoryScenario(system, report);
            MemoryScenario.Footprint before = options.runs("memory") ? memory.measure() : null;
            if (options.runs("ingest")) {
                new IngestScenario(system, api, workload, scale, report).run();
                system.requireUp();
            }
            ImportScenario.Imported imported = null;
            if (options.runs("import") || options.runs("state") || options.runs("memory")) {
                imported = new ImportScenario(system, api, workload, scale, report).run();
                system.requireUp();
            }
            if (options.runs("memory")) {
                memory.report(before, memory.measure(), imported.events());
            }
            if (options.runs("state")) {
                new StateScenario(system, api, scale, report).run(imported);
                system.requireUp();
            }
            if (options.runs("stream")) {
                new StreamScenario(system, api, workload, scale, report).run();
                system.requireUp();
            }
            if (options.runs("rebuild")) {
                new RebuildScenario(system, report, scale.repeats()).run();
                system.requireUp();
            }
            system.notes().forEach(report::note);
        }
        if (options.runs("jmh")) {
            new JmhScenario(report, options.scale().isQuick()).run();
        }
        if (options.profile()) {
            try (var recordings = Files.newDirectoryStream(out.resolve("logs"), "*.jfr")) {
                for (Path recording : recordings) {
                    HotMethods.summarise(recording, 8).forEach(line -> report.note("profile: " + line));
                }
            }
        }
        String markdown = report.write(out);
        if (options.updateDocs()) {
            updateDocs(Path.of("docs/benchmarks.md"), markdown);
        }
        return out;
    }

    private static void describeMachine(Report report, Options options) {
        Runtime runtime = Runtime.getRuntime();
        report.environment("scale", options.scale().name());
        report.environment("cores", runtime.availableProcessors());
        report.environment("memory", memory());
        report.environment("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        report.environment("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.environment("service JVM flags", String.join(" ", BenchSystem.SERVICE_JVM));
        report.environment("system", options.attach() ? "attached: " + options.timeline() + ", " + options.projection()
                : "started by the bench: PostgreSQL at " + options.postgres().url("") + ", broker embedded in timeline-service");
        report.environment("commit", git("rev-parse", "--short", "HEAD"));
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return (Long.parseLong(line.replaceAll("\\D", "")) >> 20) + " GiB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String git(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Replaces what lies between the two markers in docs/benchmarks.md with this run's report. */
    static void updateDocs(Path docs, String markdown) throws IOException {
        String begin = "<!-- bench:latest -->";
        String end = "<!-- /bench:latest -->";
        String text = Files.readString(docs);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(docs + " lacks the markers " + begin + " … " + end);
        }
        Files.writeString(docs, text.substring(0, from + begin.length()) + "\n" + markdown + "\n" + text.substring(to));
    }

    /** Command-line options; see the class comment. */
    record Options(Scale scale, Set<String> only, boolean profile, boolean updateDocs, Path out, boolean attach,
                   URI timeline, URI projection, String token, String kafka, String eventsDatabase,
                   String viewsDatabase, BenchSystem.Postgres postgres, Path timelineJar, Path projectionJar) {

        boolean runs(String scenario) {
            return only.contains(scenario);
        }

        static Options parse(String[] args) {
            Scale scale = Scale.QUICK;
            Set<String> only = new LinkedHashSet<>(ALL);
            boolean profile = false;
            boolean updateDocs = false;
            boolean attach = false;
            Path out = Path.of("bench/results");
            String timeline = null;
            String projection = null;
            String token = null;
            String kafka = null;
            String events = null;
            String views = null;
            String pgHost = "127.0.0.1";
            int pgPort = 5432;
            Path timelineJar = Path.of("timeline-service/target/timeline-service-exec.jar");
            Path projectionJar = Path.of("projection-service/target/projection-service-exec.jar");
            for (String arg : args) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                switch (name) {
                    case "--quick" -> scale = Scale.QUICK;
                    case "--full" -> scale = Scale.FULL;
                    case "--import" -> {
                        String[] p = value.split("x");
                        scale = scale.withImport(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
                    }
                    case "--only" -> {
                        only = new LinkedHashSet<>(List.of(value.split(",")));
                        if (!ALL.containsAll(only)) {
                            throw new IllegalArgumentException("--only takes " + ALL + ", not " + value);
                        }
                    }
                    case "--profile" -> profile = true;
                    case "--update-docs" -> updateDocs = true;
                    case "--out" -> out = Path.of(value);
                    case "--attach" -> attach = true;
                    case "--timeline" -> timeline = value;
                    case "--projection" -> projection = value;
                    case "--token" -> token = value;
                    case "--kafka" -> kafka = value;
                    case "--events-db" -> events = value;
                    case "--views-db" -> views = value;
                    case "--pg-host" -> pgHost = value;
                    case "--pg-port" -> pgPort = Integer.parseInt(value);
                    case "--timeline-jar" -> timelineJar = Path.of(value);
                    case "--projection-jar" -> projectionJar = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg + " (see bench/run --help)");
                }
            }
            if (attach && (timeline == null || projection == null || token == null || kafka == null || events == null
                    || views == null)) {
                throw new IllegalArgumentException(
                        "--attach needs --timeline, --projection, --token, --kafka, --events-db and --views-db");
            }
            return new Options(scale, only, profile, updateDocs, out, attach,
                    timeline == null ? null : URI.create(timeline),
                    projection == null ? null : URI.create(projection), token, kafka, events, views,
                    new BenchSystem.Postgres(pgHost, pgPort, "postgres", ""), timelineJar, projectionJar);
        }
    }
}
