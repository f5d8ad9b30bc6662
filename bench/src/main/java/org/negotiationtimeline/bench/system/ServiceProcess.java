package org.negotiationtimeline.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service jar run as its own JVM, as in production: its own heap and flags, logs to a file.
 * The bench measures these processes from outside, over HTTP, Kafka and SQL.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final long startedNanos;

    private ServiceProcess(String name, int port, Path log, Process process, long startedNanos) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code jar} and waits until {@code /actuator/health} is UP.
     *
     * @param jvmOptions e.g. heap size; the bench keeps them equal across a run so runs compare
     */
    public static ServiceProcess start(String name, Path jar, int port, List<String> jvmOptions, List<String> arguments,
                                       Map<String, String> environment, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar for " + name + " at " + jar.toAbsolutePath()
                    + " (bench/run builds it: mvn -pl timeline-service,projection-service,bench -am package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Daxoniq.update-checker.disabled=true");
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
                "--server.address=127.0.0.1"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            ServiceProcess service = new ServiceProcess(name, port, log, builder.start(), System.nanoTime());
            Runtime.getRuntime().addShutdownHook(new Thread(service::close));
            service.awaitHealthy();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!isHealthy(uri(""))) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during startup (code " + process.exitValue()
                        + "); see " + log.toAbsolutePath());
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(name + " was not healthy within " + STARTUP_TIMEOUT.toSeconds()
                        + " s; see " + log.toAbsolutePath());
            }
            pause(Duration.ofMillis(200));
        }
    }

    /** {@code GET <base>/actuator/health} answers 200 and UP. */
    public static boolean isHealthy(URI base) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis()); // Polling a process from outside: nothing to await on.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public long pid() {
        return process.pid();
    }

    /** Nanos (System.nanoTime) when the JVM was launched. */
    public long startedNanos() {
        return startedNanos;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** SIGTERM, and SIGKILL after 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
