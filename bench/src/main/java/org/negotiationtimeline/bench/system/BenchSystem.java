package org.negotiationtimeline.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.negotiationtimeline.systemtests.ServiceProcess;

/**
 * The system under measurement: timeline-service (with its in-process Kafka broker) and
 * projection-service, each on its own throwaway PostgreSQL database — the production store, and
 * the one where the baselines can read what the services wrote.
 *
 * <p>Either started here from the services' executable jars ({@link #start}), or an already
 * running system ({@link #attach}); in both cases it is checked to be up before anything is
 * measured, and a run fails rather than report figures of a system that is not there.
 */
public final class BenchSystem implements AutoCloseable {

    /** Where the PostgreSQL server is; trust auth as on these machines unless a password is given. */
    public record Postgres(String host, int port, String user, String password) {
        public String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(url(database), user, password);
        }
    }

    /** JVM flags for the services: the same in every run, production-like (no test shortcuts). */
    public static final List<String> SERVICE_JVM = List.of("-Xms1g", "-Xmx2g", "-XX:+UseG1GC");
    /** How long a service may take to start on a loaded machine (a rebuild's starts under load). */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    /** How often the bench analyses its databases when the server's autovacuum does not. */
    private static final Duration ANALYZE_PERIOD = Duration.ofSeconds(20);

    private final Postgres postgres;
    private final URI timeline;
    private final URI projection;
    private final String token;
    private final String kafka;
    private final String eventsDatabase;
    private final String viewsDatabase;
    private final Optional<ServiceProcess> timelineProcess;
    private final Optional<ServiceProcess> projectionProcess;
    private final List<String> createdDatabases;
    private final List<AutoCloseable> extras = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Path projectionJar;
    private final Path runDirectory;

    private BenchSystem(Postgres postgres, URI timeline, URI projection, String token, String kafka,
                        String eventsDatabase, String viewsDatabase, Optional<ServiceProcess> timelineProcess,
                        Optional<ServiceProcess> projectionProcess, List<String> createdDatabases, Path projectionJar,
                        Path runDirectory) {
        this.postgres = postgres;
        this.timeline = timeline;
        this.projection = projection;
        this.token = token;
        this.kafka = kafka;
        this.eventsDatabase = eventsDatabase;
        this.viewsDatabase = viewsDatabase;
        this.timelineProcess = timelineProcess;
        this.projectionProcess = projectionProcess;
        this.createdDatabases = createdDatabases;
        this.projectionJar = projectionJar;
        this.runDirectory = runDirectory;
    }

    /**
     * Creates two databases and starts both services on free ports, the broker embedded in
     * timeline-service (its production default without external Kafka).
     *
     * @param jvmExtra added to {@link #SERVICE_JVM}, e.g. a JFR recording when profiling
     */
    public static BenchSystem start(Path timelineJar, Path projectionJar, Postgres postgres, Path runDirectory,
                                    List<String> jvmExtra) {
        String id = "bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        List<String> created = new CopyOnWriteArrayList<>(); // also read by the analyser's thread
        String events = createDatabase(postgres, id + "_events", created);
        String views = createDatabase(postgres, id + "_views", created);
        int[] ports = freePorts(4);
        String kafka = "127.0.0.1:" + ports[1];
        // timeline-service refuses a token under 32 characters.
        byte[] secret = new byte[24];
        new java.security.SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        List<String> jvm = new ArrayList<>(SERVICE_JVM);
        jvm.addAll(jvmExtra);
        ServiceProcess timeline = null;
        try {
            timeline = new ServiceProcess("timeline-service", timelineJar, ports[0], jvm, List.of(
                            "--timeline.data-dir=" + runDirectory.resolve("timeline-data").toAbsolutePath(),
                            "--timeline.kafka.embedded.port=" + ports[1],
                            "--timeline.kafka.embedded.controller-port=" + ports[2],
                            "--timeline.dataset=",
                            "--spring.datasource.url=" + postgres.url(events),
                            "--spring.datasource.username=" + postgres.user(),
                            "--spring.datasource.password=" + postgres.password()),
                    Map.of("TIMELINE_WRITE_TOKEN", token), runDirectory.resolve("logs/timeline-service.log"))
                    .start(STARTUP_TIMEOUT);
            ServiceProcess projection = startProjection(projectionJar, ports[3], jvm, postgres, views, kafka,
                    "projection-service", runDirectory, "projection-service");
            BenchSystem system = new BenchSystem(postgres, timeline.uri(""), projection.uri(""), token, kafka, events,
                    views, Optional.of(timeline), Optional.of(projection), created, projectionJar, runDirectory);
            AutoAnalyze.startIfNeeded(postgres, () -> List.copyOf(created), ANALYZE_PERIOD).ifPresent(analyzer -> {
                system.extras.add(analyzer);
                system.notes.add("PostgreSQL's autovacuum is off on this server: the bench ran ANALYZE on its databases "
                        + "every " + ANALYZE_PERIOD.toSeconds() + " s, as autovacuum would on a production server");
            });
            return system;
        } catch (RuntimeException e) {
            if (timeline != null) {
                timeline.close();
            }
            dropDatabases(postgres, created);
            throw e;
        }
    }

    /** A system that is already running; fails at once when either service is not up. */
    public static BenchSystem attach(URI timeline, URI projection, String token, String kafka, Postgres postgres,
                                     String eventsDatabase, String viewsDatabase, Path runDirectory) {
        for (URI service : List.of(timeline, projection)) {
            if (!ServiceProcess.isHealthy(service)) {
                throw new IllegalStateException("no healthy service at " + service
                        + " (GET /actuator/health is not UP): start the system first, or let bench/run start its own");
            }
        }
        return new BenchSystem(postgres, timeline, projection, token, kafka, eventsDatabase, viewsDatabase,
                Optional.empty(), Optional.empty(), List.of(), null, runDirectory);
    }

    private static ServiceProcess startProjection(Path jar, int port, List<String> jvm, Postgres postgres, String views,
                                                  String kafka, String group, Path runDirectory, String name) {
        return new ServiceProcess(name, jar, port, jvm, List.of(
                        "--projection.data-dir=" + runDirectory.resolve(name + "-data").toAbsolutePath(),
                        "--projection.kafka.bootstrap-servers=" + kafka,
                        "--projection.kafka.group-id=" + group,
                        "--projection.stream.max-subscribers=2000",
                        // Every subscriber of the stream scenario connects from this machine's one address.
                        "--projection.stream.max-per-client=2000",
                        // The state indexes of the full import (1,000 negotiations of ~1,100 events, 1-1.4 MB
                        // each) in the 2 GB heap, so that the state scenario does not measure cold loads
                        // (issue 17: the views of 1M events within 1.5 GB of heap).
                        "--projection.state.index-max-bytes=1400MB",
                        "--spring.datasource.url=" + postgres.url(views) + "?reWriteBatchedInserts=true",
                        "--spring.datasource.username=" + postgres.user(),
                        "--spring.datasource.password=" + postgres.password()),
                Map.of(), runDirectory.resolve("logs/" + name + ".log")).start(STARTUP_TIMEOUT);
    }

    /**
     * Starts one more projection-service on a new, empty database and consumer group: it builds
     * every view from the topic's beginning. Stopped and dropped when this system closes.
     *
     * @return the process and the name of its view database
     */
    public Map.Entry<ServiceProcess, String> startFreshProjection(String name) {
        if (projectionJar == null) {
            throw new IllegalStateException("a fresh projection needs the jar: only a system started by the bench has it");
        }
        String views = createDatabase(postgres, eventsDatabase.replace("_events", "_" + name.replace('-', '_')),
                createdDatabases);
        ServiceProcess process = startProjection(projectionJar, freePorts(1)[0], SERVICE_JVM, postgres, views, kafka,
                name, runDirectory, name);
        extras.add(process);
        return Map.entry(process, views);
    }

    /** Creates a database that is dropped when this system closes (e.g. for a baseline's own store). */
    public String createScratchDatabase(String suffix) {
        return createDatabase(postgres, eventsDatabase.replace("_events", "_" + suffix), createdDatabases);
    }

    private static String createDatabase(Postgres postgres, String name, List<String> created) {
        try (Connection admin = postgres.connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
            created.add(name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed at " + postgres.url("postgres") + " as '"
                    + postgres.user() + "' (start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start): "
                    + e.getMessage(), e);
        }
    }

    private static void dropDatabases(Postgres postgres, List<String> names) {
        try (Connection admin = postgres.connect("postgres"); Statement sql = admin.createStatement()) {
            for (String name : names) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("[bench] could not drop " + names + ": " + e.getMessage());
        }
    }

    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sockets.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Only a probe.
                }
            });
        }
    }

    public URI timeline(String path) {
        return timeline.resolve(path);
    }

    public URI projection(String path) {
        return projection.resolve(path);
    }

    public String token() {
        return token;
    }

    public String kafkaBootstrapServers() {
        return kafka;
    }

    public Postgres postgres() {
        return postgres;
    }

    public String eventsDatabase() {
        return eventsDatabase;
    }

    public String viewsDatabase() {
        return viewsDatabase;
    }

    public Optional<ServiceProcess> projectionProcess() {
        return projectionProcess;
    }

    public Optional<ServiceProcess> timelineProcess() {
        return timelineProcess;
    }

    /** Both services still answer UP: checked after each scenario, so a crash is not reported as a slow run. */
    public void requireUp() {
        for (URI service : List.of(timeline, projection)) {
            if (!ServiceProcess.isHealthy(service)) {
                throw new IllegalStateException("the service at " + service + " is no longer up; see the logs under "
                        + runDirectory.resolve("logs").toAbsolutePath());
            }
        }
    }

    /** What a report should say about how the system was run. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public void close() {
        for (AutoCloseable extra : extras) {
            try {
                extra.close();
            } catch (Exception e) {
                System.err.println("[bench] " + e);
            }
        }
        projectionProcess.ifPresent(ServiceProcess::close);
        timelineProcess.ifPresent(ServiceProcess::close);
        dropDatabases(postgres, createdDatabases);
    }
}
