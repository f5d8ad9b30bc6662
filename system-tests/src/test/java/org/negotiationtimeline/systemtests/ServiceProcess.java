package org.negotiationtimeline.systemtests;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * One service's packaged jar running as a real JVM process: {@code java -jar <jar> --server.port=…},
 * for the system tests and for bench (which takes this class from this module's test-jar, so
 * both start the services the same way; bench with production-like JVM flags, the tests with
 * {@link #SMALL_TEST_JVM}).
 *
 * <p>Its stdout and stderr go to a log file; {@link #start()} returns once
 * {@code GET /actuator/health} answers 200 with status UP, and fails with the log's tail when the
 * process dies or does not become healthy in time. {@link #stop()} sends SIGTERM (graceful
 * shutdown) and kills the process when it outlives the grace period. Every process still running
 * when the test JVM exits is killed by a shutdown hook, so none survives a crashed test run.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Short-lived test JVMs on small machines: these start faster and use less CPU. */
    public static final List<String> SMALL_TEST_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** 90 s; {@code -Dsystem-tests.startup-timeout=240} (seconds) on a machine shared by many builds. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(Long.getLong("system-tests.startup-timeout", 90));
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Environment variables that would silently reconfigure a service if inherited from the shell. */
    private static final List<String> SCRUBBED_ENV_PREFIXES =
            List.of("SERVER_", "SPRING_", "TIMELINE_", "PROJECTION_", "KAFKA_", "MANAGEMENT_", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "service-process-reaper"));
    }

    private final String name;
    private final Path jar;
    private final int port;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path logFile;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Process process;
    private long startedNanos;

    /**
     * @param name        a label for logs and failure messages, e.g. {@code timeline-service}
     * @param port        the HTTP port; passed as {@code --server.port}
     * @param jvmOptions  heap and flags, e.g. {@link #SMALL_TEST_JVM}
     * @param arguments   further Spring Boot arguments ({@code --key=value})
     * @param environment variables added to a scrubbed copy of this JVM's environment
     * @param logFile     where stdout and stderr go (appended, so restarts keep the earlier runs)
     */
    public ServiceProcess(String name, Path jar, int port, List<String> jvmOptions, List<String> arguments,
                          Map<String, String> environment, Path logFile) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar for " + name + " at " + jar.toAbsolutePath()
                    + " (package it first: mvn -pl timeline-service,projection-service package -DskipTests)");
        }
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
        this.environment = new LinkedHashMap<>(environment);
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Path logFile() {
        return logFile;
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The running JVM's process id. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    /** {@link System#nanoTime()} when the JVM was last launched. */
    public synchronized long startedNanos() {
        return startedNanos;
    }

    /** Starts the JVM and waits until it reports itself healthy. */
    synchronized ServiceProcess start() {
        return start(STARTUP_TIMEOUT);
    }

    /** Starts the JVM and waits up to {@code timeout} until it reports itself healthy. */
    public synchronized ServiceProcess start(Duration timeout) {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Daxoniq.update-checker.disabled=true",
                "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> SCRUBBED_ENV_PREFIXES.stream().anyMatch(key::startsWith));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "===== " + Instant.now() + " starting: " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            startedNanos = System.nanoTime();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        LIVE.add(process);
        try {
            awaitHealthy(timeout);
        } catch (RuntimeException | AssertionError e) {
            String tail = logTail();
            stop();
            throw new IllegalStateException(name + " did not become healthy on port " + port + " (" + e.getMessage()
                    + "); the last lines of " + logFile.toAbsolutePath() + ":\n" + tail, e);
        }
        return this;
    }

    private void awaitHealthy(Duration timeout) {
        Process started = process;
        try {
            await(name + " healthy")
                    .atMost(timeout)
                    .pollDelay(Duration.ofMillis(500))
                    .pollInterval(Duration.ofMillis(250))
                    .failFast(name + " exited during startup", () -> !started.isAlive())
                    .ignoreExceptions()
                    .until(this::healthy);
        } catch (TerminalFailureException e) {
            throw new IllegalStateException(name + " exited with code " + exitCode(started) + " during startup", e);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " was not UP within " + timeout.toSeconds() + " s", e);
        }
    }

    private static String exitCode(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** {@code GET /actuator/health} answers 200 with {@code "status": "UP"}. */
    boolean healthy() throws IOException, InterruptedException {
        return healthy(uri(""));
    }

    /** Whether the service at {@code base} is healthy; false when it does not answer. */
    public static boolean isHealthy(URI base) {
        try {
            return healthy(base);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean healthy(URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(base.resolve("/actuator/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return false;
        }
        JsonNode body = JSON.readTree(response.body());
        return "UP".equals(body.path("status").asText());
    }

    /** SIGTERM, then SIGKILL after the grace period. Safe to call more than once. */
    synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.err.println("[service-process] " + name + " ignored SIGTERM for " + STOP_GRACE.toSeconds()
                            + " s; killing it. Log: " + logFile.toAbsolutePath());
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(p);
            process = null;
        }
    }

    /** SIGKILL, as a crash or {@code kill -9} would: no shutdown hook, no flush, no graceful stop. */
    synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            p.destroyForcibly();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " outlived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(p);
            process = null;
        }
    }

    /** Stops the process and starts it again with the same port, arguments and environment. */
    void restart() {
        stop();
        start();
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of this service's log, for failure messages. */
    String logTail() {
        try {
            if (!Files.exists(logFile)) {
                return "(no log at " + logFile + ")";
            }
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** Whether the log mentions a failed port bind (another process took a port we picked). */
    boolean logShowsPortClash() {
        String tail = logTail();
        return tail.contains("Address already in use") || tail.contains("BindException")
                || tail.contains("Port " + port + " was already in use");
    }
}
