package org.negotiationtimeline.systemtests;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionFactory;

/**
 * The whole product as its users meet it: timeline-service (with its embedded Kafka broker) and
 * projection-service, each a real process started from its packaged jar, on free ports, with a
 * fresh data directory and a random write token; plus a client that reads like sentences:
 * <pre>{@code
 * system.startNegotiation("ukraine-peace-2025", "Ending Russia's war on Ukraine");
 * system.registerActor("ukraine-peace-2025", "france", "France", "STATE");
 * Recorded paris = system.record(development().meeting().in("ukraine-peace-2025")
 *         .occurred("2026-01-06").zone("Europe/Paris").titled("Paris summit").with("france").reportedBy("Reuters"));
 * JsonNode item = system.awaitInTimeline("ukraine-peace-2025", paris.eventId());
 * }</pre>
 */
final class TimelineSystem implements AutoCloseable {

    /** How long a write may take to show up in the views. */
    static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer to a recorded development. */
    record Recorded(String eventId, long sequence) {
    }

    private final Storage storage;
    private final Path dataDir;
    private final String writeToken;
    private final String kafkaBootstrapServers;
    private final ServiceProcess timeline;
    private final ServiceProcess projection;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TimelineSystem(Storage storage, Path dataDir, String writeToken, String kafkaBootstrapServers,
                           ServiceProcess timeline, ServiceProcess projection) {
        this.storage = storage;
        this.dataDir = dataDir;
        this.writeToken = writeToken;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.timeline = timeline;
        this.projection = projection;
    }

    /**
     * Starts timeline-service, then projection-service pointed at its broker (the embedded one, or
     * the cluster the storage names). Takes ownership of
     * {@code storage}: it is closed with the system, or at once when the start fails.
     *
     * @param name names the run's log and data directories, e.g. the test class
     */
    /**
     * Both services on H2 with the bundled Ukraine dataset loaded at start, once its drafts are in
     * the views (the dataset's last lines): for tests that read the sourced negotiation.
     */
    static TimelineSystem withUkraineDataset(String name) {
        Storage h2 = Storage.h2();
        TimelineSystem system = start(name, new Storage() {
            @Override
            public List<String> timelineArguments() {
                List<String> args = new ArrayList<>(h2.timelineArguments());
                args.add("--timeline.dataset=classpath:datasets/ukraine-peace-2025.jsonl");
                return args;
            }

            @Override
            public List<String> projectionArguments() {
                return h2.projectionArguments();
            }

            @Override
            public void close() {
                h2.close();
            }

            @Override
            public String toString() {
                return h2 + " with the Ukraine dataset";
            }
        });
        system.eventually().alias("the dataset's drafts projected").until(
                () -> system.get("/api/documents/paris-draft-joint-statement/versions").status(), status -> status == 200);
        return system;
    }

    static TimelineSystem start(String name, Storage storage) {
        boolean started = false;
        try {
            TimelineSystem system = startServices(name, storage);
            started = true;
            return system;
        } finally {
            if (!started) {
                storage.close();
            }
        }
    }

    private static TimelineSystem startServices(String name, Storage storage) {
        Path logDir = buildDirectory().resolve("system-tests-logs").resolve(name);
        Path dataRoot = buildDirectory().resolve("system-tests-data");
        Path timelineJar = jar("timeline.jar");
        Path projectionJar = jar("projection.jar");
        deleteRecursively(logDir);
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path dataDir = createDirectories(dataRoot, name);
            TimelineSystem system = assemble(storage, timelineJar, projectionJar, dataDir, logDir);
            try {
                system.timeline.start();
                system.projection.start();
                System.out.println("[system-tests] " + name + " up: timeline-service on " + system.timeline.port()
                        + ", projection-service on " + system.projection.port() + ", " + storage
                        + "; logs in " + logDir.toAbsolutePath());
                return system;
            } catch (RuntimeException | Error e) {
                boolean portClash = system.timeline.logShowsPortClash() || system.projection.logShowsPortClash();
                system.stopServices();
                deleteRecursively(dataDir);
                if (!(e instanceof IllegalStateException startFailure) || !portClash) {
                    throw e;
                }
                failure = startFailure;
                System.err.println("[system-tests] a port picked for " + name + " was taken meanwhile; retrying");
            }
        }
        throw failure;
    }

    private static Path createDirectories(Path dataRoot, String name) {
        try {
            Files.createDirectories(dataRoot);
            return Files.createTempDirectory(dataRoot, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory under " + dataRoot, e);
        }
    }

    private static TimelineSystem assemble(Storage storage, Path timelineJar, Path projectionJar, Path dataDir,
                                           Path logDir) {
        int[] ports = freePorts(4);
        int timelinePort = ports[0];
        int kafkaPort = ports[1];
        int controllerPort = ports[2];
        int projectionPort = ports[3];
        String token = randomToken();

        Optional<String> externalKafka = storage.kafkaBootstrapServers();
        List<String> timelineArgs = new ArrayList<>(List.of(
                "--timeline.data-dir=" + dataDir.resolve("timeline").toAbsolutePath()));
        if (externalKafka.isPresent()) {
            timelineArgs.add("--timeline.kafka.bootstrap-servers=" + externalKafka.get());
        } else {
            timelineArgs.add("--timeline.kafka.embedded.port=" + kafkaPort);
            timelineArgs.add("--timeline.kafka.embedded.controller-port=" + controllerPort);
        }
        // The web app on projection-service records here from its own origin (CORS), as with ./run.
        timelineArgs.add("--timeline.web.cors.allowed-origins=http://127.0.0.1:" + projectionPort);
        // A 201's Location points at projection-service, as ./run sets it.
        timelineArgs.add("--timeline.web.read-base-url=http://127.0.0.1:" + projectionPort);
        // The replay of the topic from the event store (off by default) is one of the scenarios.
        timelineArgs.add("--management.endpoint.publisher.access=unrestricted");
        timelineArgs.addAll(storage.timelineArguments());
        if (timelineArgs.stream().noneMatch(arg -> arg.startsWith("--timeline.dataset="))) {
            // The scenarios build their own negotiations unless a storage asks for the bundled dataset.
            timelineArgs.add("--timeline.dataset=");
        }
        ServiceProcess timeline = new ServiceProcess("timeline-service", timelineJar, timelinePort,
                ServiceProcess.SMALL_TEST_JVM, timelineArgs, Map.of("TIMELINE_WRITE_TOKEN", token),
                logDir.resolve("timeline-service.log"));

        String kafka = externalKafka.orElse("127.0.0.1:" + kafkaPort);
        List<String> projectionArgs = new ArrayList<>(List.of(
                "--projection.data-dir=" + dataDir.resolve("projection").toAbsolutePath(),
                "--projection.kafka.bootstrap-servers=" + kafka));
        projectionArgs.add("--projection.web.timeline-url=http://127.0.0.1:" + timelinePort);
        projectionArgs.addAll(storage.projectionArguments());
        ServiceProcess projection = new ServiceProcess("projection-service", projectionJar, projectionPort,
                ServiceProcess.SMALL_TEST_JVM, projectionArgs, Map.of(), logDir.resolve("projection-service.log"));

        return new TimelineSystem(storage, dataDir, token, kafka, timeline, projection);
    }

    /** The write token the services were started with (the web app's Record page asks for it). */
    String writeToken() {
        return writeToken;
    }

    /** Stops projection-service, then timeline-service (and its broker), then releases the storage. */
    @Override
    public void close() {
        try {
            stopServices();
        } finally {
            try {
                storage.close();
            } finally {
                deleteRecursively(dataDir);
            }
        }
    }

    private void stopServices() {
        try {
            projection.stop();
        } finally {
            timeline.stop();
        }
    }

    /** Stops projection-service and starts it again on the same port, data directory and database. */
    void restartProjection() {
        projection.restart();
    }

    /**
     * Stops timeline-service (and with it the embedded broker), runs {@code whileStopped}, and
     * starts it again on the same ports, data directory and database. projection-service keeps
     * running and reconnects to the broker by itself.
     */
    void restartTimeline(Runnable whileStopped) {
        timeline.stop();
        whileStopped.run();
        timeline.start();
    }

    /**
     * Kills timeline-service (and with it the embedded broker) with SIGKILL and starts it again on
     * the same ports, data directory and database.
     */
    void crashAndRestartTimeline() {
        timeline.kill();
        timeline.start();
    }

    /**
     * Kills projection-service with SIGKILL and starts it again on the same port, data directory
     * and database.
     */
    void crashAndRestartProjection() {
        projection.kill();
        projection.start();
    }

    /** The broker the events go through: the embedded one, or the cluster the storage names. */
    String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    ServiceProcess timelineService() {
        return timeline;
    }

    ServiceProcess projectionService() {
        return projection;
    }

    /** The last lines of both services' logs, for failure reports. */
    String logTails() {
        return "----- " + timeline.logFile() + "\n" + timeline.logTail()
                + "\n----- " + projection.logFile() + "\n" + projection.logTail();
    }

    // ---------------------------------------------------------------- writes (timeline-service)

    /** Starts tracking a negotiation; fails unless it is created (201). */
    void startNegotiation(String id, String title) {
        writer().post("/api/negotiations", JSON.createObjectNode().put("id", id).put("title", title)).expectStatus(201);
    }

    /**
     * Registers an actor in a negotiation's registry (developments may only name registered
     * actors); fails unless answered 201.
     *
     * @param kind {@code PERSON}, {@code STATE}, {@code ORGANISATION} or {@code GROUP}
     */
    void registerActor(String negotiationId, String actorId, String name, String kind) {
        writer().post("/api/negotiations/" + negotiationId + "/actors",
                JSON.createObjectNode().put("id", actorId).put("name", name).put("kind", kind)).expectStatus(201);
    }

    /** Posts any command with the write token; fails unless answered 201. */
    JsonNode write(String path, String json) {
        try {
            return writer().post(path, JSON.readTree(json)).expectStatus(201).json();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records a development; fails unless it is accepted (201). */
    Recorded record(Development development) {
        return accepted(attemptToRecord(development));
    }

    /** Posts a development with the write token and returns whatever the service answers. */
    Reply attemptToRecord(Development development) {
        return writer().attemptToRecord(development);
    }

    /** Posts any body with the write token and returns whatever the service answers. */
    Reply attemptToPost(String path, JsonNode body) {
        return writer().post(path, body);
    }

    /** A client that presents no token at all. */
    Writer anonymously() {
        return new Writer(null);
    }

    /** A client that presents the given token. */
    Writer withToken(String token) {
        return new Writer(token);
    }

    Writer writer() {
        return new Writer(writeToken);
    }

    static Recorded accepted(Reply reply) {
        JsonNode body = reply.expectStatus(201).json();
        return new Recorded(body.path("eventId").asText(), body.path("sequence").asLong(-1));
    }

    /** Writes to timeline-service with one way of authenticating. */
    final class Writer {
        private final String token;

        private Writer(String token) {
            this.token = token;
        }

        Reply attemptToRecord(Development development) {
            return post(development.path(), development.body());
        }

        Reply post(String path, JsonNode body) {
            return post(path, body.toString());
        }

        /** A body as given, well-formed JSON or not. */
        Reply post(String path, String body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(timeline.uri(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return send("POST " + path, request.build());
        }
    }

    // ---------------------------------------------------------------- reads (projection-service)

    /** {@code GET /api/negotiations/{nid}/timeline}; fails unless 200 (e.g. 404 before it is projected). */
    List<JsonNode> timelineOf(String negotiationId) {
        return elements(get("/api/negotiations/" + negotiationId + "/timeline").expectStatus(200).json());
    }

    /** Every item of a negotiation's timeline: all its pages, following each {@code Link: <…>; rel="next"}. */
    List<JsonNode> wholeTimelineOf(String negotiationId) {
        List<JsonNode> all = new ArrayList<>();
        String next = "/api/negotiations/" + negotiationId + "/timeline?limit=500";
        while (next != null) {
            Reply page = get(next).expectStatus(200);
            all.addAll(elements(page.json()));
            next = page.header("Link").map(NEXT_LINK::matcher).filter(java.util.regex.Matcher::find)
                    .map(m -> m.group(1)).orElse(null);
        }
        return all;
    }

    private static final java.util.regex.Pattern NEXT_LINK = java.util.regex.Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"");

    /** {@code GET /api/negotiations}. */
    List<JsonNode> negotiations() {
        return elements(get("/api/negotiations").expectStatus(200).json());
    }

    /** {@code GET /api/negotiations/{nid}}; fails unless 200. */
    JsonNode negotiation(String negotiationId) {
        return get("/api/negotiations/" + negotiationId).expectStatus(200).json();
    }

    /** Waits until the development shows in its negotiation's timeline, and returns its item there. */
    JsonNode awaitInTimeline(String negotiationId, String eventId) {
        return eventually()
                .alias("development " + eventId + " in the timeline of " + negotiationId)
                .until(() -> timelineOf(negotiationId).stream()
                                .filter(item -> eventId.equals(item.path("eventId").asText()))
                                .findFirst().orElse(null),
                        item -> item != null);
    }

    /** Awaitility with the propagation timeout; tolerates a service that is briefly unreachable. */
    ConditionFactory eventually() {
        return await().atMost(PROPAGATION_TIMEOUT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsMatching(e -> e instanceof UncheckedIOException || e instanceof AssertionError);
    }

    /** How many records of this negotiation the topic holds now, re-publications included. */
    long recordsOnTopic(String negotiationId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("negotiation-events", Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long[] count = {0};
            await("the whole topic read").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> count[0] += negotiationId.equals(record.key()) ? 1 : 0);
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
            return count[0];
        }
    }

    /** GET of an absolute URL, as a client follows a 201's Location. */
    Reply follow(String url) {
        return send("GET " + url, HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET().build());
    }

    Reply get(String path) {
        return send("GET " + path, HttpRequest.newBuilder(projection.uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET().build());
    }

    private Reply send(String label, HttpRequest request) {
        return Reply.send(http, label, request);
    }

    private static List<JsonNode> elements(JsonNode array) {
        if (!array.isArray()) {
            throw new AssertionError("expected a JSON array but got " + array);
        }
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    // ---------------------------------------------------------------- plumbing

    private static Path jar(String property) {
        String path = System.getProperty(property);
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("system property '" + property + "' is not set; run through "
                    + "'mvn -pl system-tests verify', whose failsafe configuration sets it");
        }
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar.toAbsolutePath() + " (" + property + "); package the "
                    + "services first: mvn -pl timeline-service,projection-service package -DskipTests");
        }
        return jar;
    }

    private static Path buildDirectory() {
        return Path.of(System.getProperty("system-tests.build-directory", "target"));
    }

    /**
     * Distinct free loopback ports. All sockets are held until every port is picked, so the same
     * port is never handed out twice; another process may still take one before the service binds
     * it, which {@link #start} detects and retries.
     */
    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a listening socket does not fail in practice.
                }
            }
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    System.err.println("[system-tests] cannot delete " + path + ": " + e.getMessage());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[system-tests] cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
