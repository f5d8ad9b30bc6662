package org.negotiationtimeline.systemtests;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.MountableFile;

/**
 * A {@link ComposeFile}'s services started with Testcontainers, as {@code docker compose up} would
 * start them: one network where each service is reachable by its name (and hostname); images
 * pulled, or built from their Dockerfile and build arguments; the environment as written; files
 * bind-mounted by the file copied in; container ports published on random host ports (never the
 * file's fixed host ports); services started in dependency order, those of one group together;
 * and a service counts as up when its own health check command, run in the container, succeeds.
 * Named volumes become the container's own anonymous volumes, removed with it.
 *
 * <p>No {@code docker compose} binary is involved: podman (the engine on the CI machines) runs
 * health checks only under systemd, so {@code depends_on: condition: service_healthy} would wait
 * forever there. Running each health check command here keeps the file's own checks in force.
 */
final class ComposeDeployment implements AutoCloseable {

    /** How long one service may take to become healthy (several JVMs start on two cores). */
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern COPY = Pattern.compile("^\\s*COPY\\s+(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern BUILD_ARGUMENT = Pattern.compile("\\$\\{(\\w+)}");
    /** Image builds and health check tries; not the common pool, which has one thread on two cores. */
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "compose-deployment");
        thread.setDaemon(true);
        return thread;
    });

    private final ComposeFile compose;
    private final Network network;
    private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
    private final List<String> builtImages = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Path logDirectory;

    private ComposeDeployment(ComposeFile compose, Network network, Path logDirectory) {
        this.compose = compose;
        this.network = network;
        this.logDirectory = logDirectory;
    }

    /**
     * Builds what needs building, then starts every service in dependency order and waits for each
     * to be healthy. On failure everything started so far is stopped again (logs kept).
     *
     * @param extraEnvironment per service, variables added to the file's (e.g. smaller JVM heaps for a test machine)
     * @param logDirectory     where every container's log is written when the deployment closes
     */
    static ComposeDeployment start(ComposeFile compose, Map<String, Map<String, String>> extraEnvironment, Path logDirectory) {
        ComposeDeployment deployment = new ComposeDeployment(compose, Network.newNetwork(), logDirectory);
        boolean started = false;
        try {
            deployment.startAll(extraEnvironment);
            started = true;
            return deployment;
        } finally {
            if (!started) {
                deployment.close();
            }
        }
    }

    private void startAll(Map<String, Map<String, String>> extraEnvironment) {
        // Build every image first, in the background, while the services without builds start.
        Map<String, ImageFromDockerfile> builds = new LinkedHashMap<>();
        for (ComposeFile.Service service : compose.services().values()) {
            if (service.build() != null) {
                String tag = buildTag(service);
                builds.computeIfAbsent(tag, t -> image(service, t));
            }
        }
        List<CompletableFuture<String>> building = builds.values().stream()
                .map(build -> CompletableFuture.supplyAsync(() -> {
                    String name = resolve(build);
                    builtImages.add(name);
                    return name;
                }, BACKGROUND))
                .toList();

        for (List<ComposeFile.Service> group : compose.startOrder()) {
            List<GenericContainer<?>> starting = new ArrayList<>();
            for (ComposeFile.Service service : group) {
                GenericContainer<?> container = service.build() != null
                        ? new GenericContainer<>(builds.get(buildTag(service)))
                        : new GenericContainer<>(service.image());
                configure(container, service, extraEnvironment.getOrDefault(service.name(), Map.of()));
                containers.put(service.name(), container);
                starting.add(container);
            }
            Instant begin = Instant.now();
            try {
                Startables.deepStart(starting).join();
            } catch (RuntimeException e) {
                throw new IllegalStateException("starting " + names(group) + " failed: " + rootMessage(e)
                        + "\n" + logTails(group), e);
            }
            System.out.println("[container-tests] " + names(group) + " healthy in "
                    + Duration.between(begin, Instant.now()).toSeconds() + " s");
        }
        building.forEach(CompletableFuture::join);
    }

    private void configure(GenericContainer<?> container, ComposeFile.Service service, Map<String, String> extraEnvironment) {
        container.withNetwork(network)
                .withNetworkAliases(service.name())
                .withEnv(service.environment())
                .withEnv(extraEnvironment)
                .withStartupTimeout(STARTUP_TIMEOUT);
        String hostname = service.hostname() != null ? service.hostname() : service.name();
        container.withCreateContainerCmdModifier(cmd -> cmd.withHostName(hostname));
        if (!service.containerPorts().isEmpty()) {
            container.withExposedPorts(service.containerPorts().toArray(Integer[]::new));
        }
        for (ComposeFile.FileMount file : service.files()) {
            container.withCopyFileToContainer(MountableFile.forHostPath(file.source(), 0755), file.target());
        }
        container.waitingFor(service.healthcheck() != null
                ? new HealthcheckWait(service.name(), service.healthcheck())
                : new AbstractWaitStrategy() {
                    @Override
                    protected void waitUntilReady() {
                        // No health check: started is up, as for Compose's service_started.
                    }
                });
    }

    /** A tag of our own for a built image: {@code localhost/<name without tag>:container-test}. */
    private static String buildTag(ComposeFile.Service service) {
        String name = service.image() != null ? service.image() : "negotiation-timeline/" + service.name();
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : "";
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return (hasRegistry ? name : "localhost/" + name) + ":container-test";
    }

    /**
     * The image of a {@code build:}: its Dockerfile with its build arguments, on a context that
     * holds what the Dockerfile copies from the build context (not the whole repository).
     */
    private static ImageFromDockerfile image(ComposeFile.Service service, String tag) {
        ComposeFile.Build build = service.build();
        ImageFromDockerfile image = new ImageFromDockerfile(tag, false)
                .withFileFromPath("Dockerfile", build.dockerfile());
        build.args().forEach(image::withBuildArg);
        for (String source : copySources(build.dockerfile(), build.args())) {
            Path path = build.context().resolve(source).normalize();
            if (!Files.exists(path)) {
                throw new IllegalStateException(build.dockerfile() + " copies " + source + ", which does not exist at "
                        + path + " (package the services first: mvn -pl timeline-service,projection-service package -DskipTests)");
            }
            image.withFileFromPath(source, path);
        }
        return image;
    }

    private static String resolve(ImageFromDockerfile build) {
        Instant begin = Instant.now();
        try {
            String name = build.get();
            System.out.println("[container-tests] built " + name + " in " + Duration.between(begin, Instant.now()).toSeconds() + " s");
            return name;
        } catch (RuntimeException e) {
            throw new IllegalStateException("building an image failed: " + rootMessage(e), e);
        }
    }

    /**
     * The build-context sources of a Dockerfile's {@code COPY} instructions (those without
     * {@code --from}), with the build arguments' {@code ${NAME}} replaced by their values.
     */
    static List<String> copySources(Path dockerfile, Map<String, String> args) {
        List<String> sources = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(dockerfile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dockerfile, e);
        }
        for (String line : lines) {
            Matcher m = COPY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(m.group(1).trim().split("\\s+")));
            if (words.stream().anyMatch(w -> w.startsWith("--from"))) {
                continue;
            }
            words.removeIf(w -> w.startsWith("--"));
            if (words.size() < 2 || words.get(0).startsWith("[")) {
                throw new IllegalStateException(dockerfile + ": cannot read the COPY instruction '" + line.trim() + "'");
            }
            for (String source : words.subList(0, words.size() - 1)) {
                sources.add(withArguments(dockerfile, source, args));
            }
        }
        return sources;
    }

    private static String withArguments(Path dockerfile, String source, Map<String, String> args) {
        Matcher m = BUILD_ARGUMENT.matcher(source);
        StringBuilder replaced = new StringBuilder();
        while (m.find()) {
            String value = args.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(dockerfile + " copies " + source + ", but the build gives no " + m.group(1));
            }
            m.appendReplacement(replaced, Matcher.quoteReplacement(value));
        }
        return m.appendTail(replaced).toString();
    }

    // ---------------------------------------------------------------------------------- access

    GenericContainer<?> container(String service) {
        GenericContainer<?> container = containers.get(service);
        if (container == null) {
            throw new IllegalArgumentException("service " + service + " is not running (" + containers.keySet() + ")");
        }
        return container;
    }

    /** {@code http://localhost:<published port>/<path>} for a service's container port. */
    URI uri(String service, int containerPort, String path) {
        GenericContainer<?> container = container(service);
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(containerPort) + path);
    }

    /** Runs a command in a service's container. */
    ExecResult exec(String service, String... command) {
        try {
            return container(service).execInContainer(command);
        } catch (IOException e) {
            throw new UncheckedIOException("exec in " + service + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Stops a service's container gracefully ({@code docker stop}: SIGTERM, then SIGKILL after
     * {@code graceSeconds}), keeping it for its logs.
     */
    void stopGracefully(String service, int graceSeconds) {
        String id = container(service).getContainerId();
        DockerClientFactory.instance().client().stopContainerCmd(id).withTimeout(graceSeconds).exec();
    }

    /** Starts a stopped service's container again, with the same configuration, network and name. */
    void startAgain(String service) {
        String id = container(service).getContainerId();
        DockerClientFactory.instance().client().startContainerCmd(id).exec();
    }

    /** Whether the service's container is running. */
    boolean running(String service) {
        InspectContainerResponse info = DockerClientFactory.instance().client()
                .inspectContainerCmd(container(service).getContainerId()).exec();
        return Boolean.TRUE.equals(info.getState().getRunning());
    }

    /** The last lines of the given services' logs. */
    String logTails(List<ComposeFile.Service> services) {
        StringBuilder out = new StringBuilder();
        for (ComposeFile.Service service : services) {
            GenericContainer<?> container = containers.get(service.name());
            out.append("----- ").append(service.name()).append('\n').append(tail(container, 60)).append('\n');
        }
        return out.toString();
    }

    /** The last lines of every service's log. */
    String logTails() {
        return logTails(List.copyOf(compose.services().values()).stream()
                .filter(s -> containers.containsKey(s.name())).toList());
    }

    private static String tail(GenericContainer<?> container, int lines) {
        try {
            if (container == null || container.getContainerId() == null) {
                return "(not created)";
            }
            List<String> all = container.getLogs().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (RuntimeException e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

    /** Writes every container's log to the log directory, then stops and removes the containers and the network. */
    @Override
    public void close() {
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            System.err.println("[container-tests] cannot create " + logDirectory + ": " + e.getMessage());
        }
        List<String> names = new ArrayList<>(containers.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            GenericContainer<?> container = containers.get(name);
            try {
                if (container.getContainerId() != null) {
                    Files.writeString(logDirectory.resolve(name + ".log"), container.getLogs(), StandardCharsets.UTF_8);
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("[container-tests] cannot keep the log of " + name + ": " + e.getMessage());
            }
            try {
                container.stop();
            } catch (RuntimeException e) {
                System.err.println("[container-tests] cannot stop " + name + ": " + e.getMessage());
            }
        }
        containers.clear();
        try {
            network.close();
        } catch (RuntimeException e) {
            System.err.println("[container-tests] cannot remove the network: " + e.getMessage());
        }
        // The images built from the packaged jars: rebuilt on every run, so not worth keeping.
        for (String image : builtImages) {
            try {
                DockerClientFactory.instance().client().removeImageCmd(image).withForce(true).exec();
            } catch (RuntimeException e) {
                System.err.println("[container-tests] cannot remove the image " + image + ": " + e.getMessage());
            }
        }
    }

    private static String names(List<ComposeFile.Service> services) {
        return String.join(", ", services.stream().map(ComposeFile.Service::name).toList());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * Compose's health check, run by the test: the check's command in the container, every second
     * until it succeeds (Compose would wait {@code interval} between tries; the test does not need
     * to), each try bounded by the check's {@code timeout}; fails when the container stops or the
     * startup timeout passes.
     */
    private static final class HealthcheckWait extends AbstractWaitStrategy {
        private final String service;
        private final ComposeFile.Healthcheck check;

        HealthcheckWait(String service, ComposeFile.Healthcheck check) {
            this.service = service;
            this.check = check;
        }

        @Override
        protected void waitUntilReady() {
            Instant deadline = Instant.now().plus(startupTimeout);
            String last = "never ran";
            while (Instant.now().isBefore(deadline)) {
                if (!waitStrategyTarget.isRunning()) {
                    throw new ContainerLaunchException(service + " stopped before it was healthy");
                }
                Future<ExecResult> attempt = CompletableFuture.supplyAsync(() -> {
                    try {
                        return waitStrategyTarget.execInContainer(check.command().toArray(String[]::new));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }, BACKGROUND);
                try {
                    ExecResult result = attempt.get(check.timeout().toMillis(), TimeUnit.MILLISECONDS);
                    if (result.getExitCode() == 0) {
                        return;
                    }
                    last = "exit code " + result.getExitCode() + ": " + (result.getStdout() + result.getStderr()).strip();
                } catch (TimeoutException e) {
                    attempt.cancel(true);
                    last = "timed out after " + check.timeout().toSeconds() + " s";
                } catch (ExecutionException e) {
                    last = rootMessage(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ContainerLaunchException("interrupted while waiting for " + service);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ContainerLaunchException("interrupted while waiting for " + service);
                }
            }
            throw new ContainerLaunchException(service + " was not healthy within " + startupTimeout.toSeconds()
                    + " s; its health check " + check.command() + " last said: " + last);
        }
    }
}
