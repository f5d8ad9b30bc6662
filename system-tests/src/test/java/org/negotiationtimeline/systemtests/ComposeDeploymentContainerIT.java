package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.negotiationtimeline.systemtests.Development.development;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.negotiationtimeline.systemtests.TimelineSystem.Recorded;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The production deployment of docker/compose.yaml, run for real: its three KRaft Kafka brokers,
 * PostgreSQL with its init script, timeline-service and two projection-service instances, each
 * service's image built from its Dockerfile and the packaged jar, configured exactly as the file
 * says (see {@link ComposeDeployment} for how it is started). The test talks to the services
 * through their published ports only, as a client of the deployment would.
 *
 * <p>What the test sets, as a user of the file would in the shell: the write token, the
 * PostgreSQL password, no dataset (the scenarios record their own), smaller JVM heaps for the
 * test machine and, with {@code container.images=local}, the local substitute images through the
 * file's own image variables. Skipped where no container engine is reachable.
 */
@Testcontainers(disabledWithoutDocker = true)
@Tag("container")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeDeploymentContainerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "negotiation-events";
    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final List<String> PROJECTIONS = List.of("projection-1", "projection-2");
    private static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(30);

    private final String writeToken = randomSecret();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private ComposeDeployment deployment;

    static Path projectRoot() {
        return Path.of(System.getProperty("system-tests.project-root", "..")).toAbsolutePath().normalize();
    }

    static Path composeFile() {
        return projectRoot().resolve("docker/compose.yaml");
    }

    @BeforeAll
    void deploy() {
        Map<String, String> variables = new HashMap<>();
        variables.put("TIMELINE_WRITE_TOKEN", writeToken);
        variables.put("POSTGRES_PASSWORD", randomSecret());
        variables.put("TIMELINE_DATASET", "");
        variables.put("KAFKA_HEAP_OPTS", "-Xmx384m -Xms128m");
        if (ContainerImages.local()) {
            variables.put("KAFKA_IMAGE", ContainerImages.name(ContainerImages.KAFKA));
            variables.put("POSTGRES_IMAGE", ContainerImages.name(ContainerImages.POSTGRES));
            variables.put("JRE_IMAGE", ContainerImages.name(ContainerImages.JRE));
        }
        ComposeFile compose = ComposeFile.read(composeFile(), variables);

        // Short-lived JVMs on a small machine: the flags the process tests use.
        Map<String, String> jvm = Map.of("JAVA_TOOL_OPTIONS", String.join(" ", ServiceProcess.SMALL_TEST_JVM));
        Map<String, Map<String, String>> extra = new LinkedHashMap<>();
        extra.put("timeline-service", jvm);
        PROJECTIONS.forEach(p -> extra.put(p, jvm));

        Instant begin = Instant.now();
        deployment = ComposeDeployment.start(compose, extra,
                Path.of(System.getProperty("system-tests.build-directory", "target"), "container-logs", getClass().getSimpleName()));
        System.out.println("[container-tests] " + getClass().getSimpleName() + ": " + compose.file() + " up in "
                + Duration.between(begin, Instant.now()).toSeconds() + " s (" + ContainerImages.describe() + "); timeline-service at "
                + deployment.uri("timeline-service", 8080, "") + ", projection-1 at " + deployment.uri("projection-1", 8081, "")
                + ", projection-2 at " + deployment.uri("projection-2", 8081, ""));
    }

    @AfterAll
    void undeploy() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (deployment != null) {
                System.out.println("[container-tests] " + context.getDisplayName() + " failed; the containers' last log lines:\n"
                        + deployment.logTails());
            }
        }
    };

    /** The file pins the official images this project tests with, and each Dockerfile's JRE matches. */
    @Test
    @Order(1)
    void theComposeFileRunsTheOfficialPinnedImages() throws IOException {
        ComposeFile asShipped = ComposeFile.read(composeFile(),
                Map.of("TIMELINE_WRITE_TOKEN", "x", "POSTGRES_PASSWORD", "x"));
        for (String broker : BROKERS) {
            assertThat(asShipped.service(broker).image()).as(broker).isEqualTo(ContainerImages.KAFKA);
        }
        assertThat(asShipped.service("postgres").image()).isEqualTo(ContainerImages.POSTGRES);
        for (String service : List.of("timeline-service", "projection-1", "projection-2")) {
            ComposeFile.Build build = asShipped.service(service).build();
            assertThat(build.args()).as("build args of " + service).containsEntry("JRE_IMAGE", ContainerImages.JRE);
            assertThat(Files.readString(build.dockerfile())).as(build.dockerfile().toString())
                    .contains("ARG JRE_IMAGE=" + ContainerImages.JRE);
        }
    }

    @Test
    @Order(2)
    void writesNeedTheTokenTheDeploymentWasGiven() {
        Reply anonymous = post("/api/negotiations", negotiation("unauthorised", "No token"), null);
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        Reply wrong = post("/api/negotiations", negotiation("unauthorised", "Wrong token"), "not-the-token");
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        post("/api/negotiations", negotiation("authorised", "The deployment's token"), writeToken).expectStatus(201);
    }

    /**
     * The whole path through the containers: a command to timeline-service, its events through the
     * three-broker cluster, into each projection instance's own database, and the same answers
     * from both instances — a correction included.
     */
    @Test
    @Order(3)
    void bothProjectionInstancesServeTheSameAnswers() {
        String nid = "ukraine-peace-2025";
        post("/api/negotiations", negotiation(nid, "Ending Russia's war on Ukraine"), writeToken).expectStatus(201);
        registerActor(nid, "france", "France");
        registerActor(nid, "ukraine", "Ukraine");
        Recorded paris = record(development().meeting().in(nid).withEventId("paris-summit")
                .occurred("2026-01-06").zone("Europe/Paris").titled("Coalition of the Willing meets in Paris")
                .with("france", "ukraine").about("security-guarantees").reportedBy("Reuters"));
        Recorded weekend = record(development().meeting().in(nid).withEventId("kyiv-advisers")
                .occurred("2026-01-03/2026-01-04").described("the weekend")
                .titled("National security advisers meet in Kyiv").reportedBy("Associated Press"));
        ObjectNode correction = JSON.createObjectNode();
        correction.putObject("set").put("title", "Paris summit adopts the declaration");
        correction.put("reason", "a clearer title");
        correction.putArray("sources").addObject().put("outlet", "RFE/RL");
        post("/api/events/" + paris.eventId() + "/corrections", correction, writeToken).expectStatus(201);

        for (String projection : PROJECTIONS) {
            awaitTimeline(projection, nid, items -> items.size() == 2
                    && items.stream().anyMatch(i -> i.path("corrected").asBoolean(false)));
        }

        for (String path : List.of("/api/negotiations", "/api/negotiations/" + nid, "/api/negotiations/" + nid + "/timeline",
                "/api/negotiations/" + nid + "/actors", "/api/events/" + paris.eventId(), "/api/events/" + weekend.eventId())) {
            JsonNode first = get("projection-1", path).expectStatus(200).json();
            JsonNode second = get("projection-2", path).expectStatus(200).json();
            assertThat(second).as("GET " + path + " on projection-2 and projection-1").isEqualTo(first);
        }
        JsonNode timeline = get("projection-1", "/api/negotiations/" + nid + "/timeline").json();
        assertThat(timeline.findValuesAsText("eventId")).containsExactly(weekend.eventId(), paris.eventId());
        assertThat(timeline.get(1).path("title").asText()).isEqualTo("Paris summit adopts the declaration");
    }

    /** The production shape is what it claims: replication 3, min.insync.replicas 2, a database per instance. */
    @Test
    @Order(4)
    void theTopicIsReplicatedOnThreeBrokersAndEachProjectionHasItsOwnDatabase() {
        ExecResult topic = deployment.exec("kafka-1", "/opt/kafka/bin/kafka-topics.sh",
                "--bootstrap-server", "localhost:9092", "--describe", "--topic", TOPIC);
        assertThat(topic.getExitCode()).as(topic.getStderr()).isZero();
        assertThat(topic.getStdout()).contains("PartitionCount: 3").contains("ReplicationFactor: 3");
        assertThat(topic.getStdout().lines().filter(l -> l.contains("Partition:")))
                .as("every partition in sync on all three brokers")
                .hasSize(3)
                .allSatisfy(line -> assertThat(line.replaceAll("\\s+", " ")).matches(".*Isr: \\d,\\d,\\d.*"));

        ExecResult configs = deployment.exec("kafka-1", "/opt/kafka/bin/kafka-configs.sh", "--bootstrap-server",
                "localhost:9092", "--entity-type", "topics", "--entity-name", TOPIC, "--describe", "--all");
        assertThat(configs.getExitCode()).as(configs.getStderr()).isZero();
        assertThat(configs.getStdout()).contains("min.insync.replicas=2").contains("retention.ms=-1");

        ExecResult databases = deployment.exec("postgres", "psql", "-U", "timeline", "-d", "postgres", "-At", "-c",
                "SELECT datname FROM pg_database ORDER BY datname");
        assertThat(databases.getExitCode()).as(databases.getStderr()).isZero();
        assertThat(databases.getStdout().lines()).contains("timeline_events", "timeline_views_1", "timeline_views_2");
        for (String database : List.of("timeline_views_1", "timeline_views_2")) {
            ExecResult tables = deployment.exec("postgres", "psql", "-U", "timeline", "-d", database, "-At", "-c",
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
            assertThat(Integer.parseInt(tables.getStdout().strip())).as("view tables in " + database).isPositive();
        }
    }

    /**
     * Two brokers of three stopped mid-load (the KRaft quorum and the in-sync replicas lost), then
     * started again: every write answers 201 (the event store is the truth; the publisher waits for
     * the brokers) or a clear 503, nothing is lost, and each negotiation's order is kept — the
     * stream delivers the developments in the order of their sequences.
     */
    @Test
    @Order(5)
    void withTwoBrokersOfThreeStoppedWritesAnswer201Or503AndNothingIsLostOnceTheyAreBack() {
        String nid = "two-brokers-down";
        post("/api/negotiations", negotiation(nid, "Written while two brokers are down"), writeToken).expectStatus(201);
        int perPhase = 20;
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        int[] unavailable = {0};
        java.util.function.IntConsumer write = i -> {
            Development development = development().report().in(nid).withEventId("brokers-down-" + i)
                    .occurred("2026-01-07").titled("Report " + i).reportedBy("Reuters");
            Reply reply = await("201 for " + development.eventId()).atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        Reply attempt = post(development.path(), development.body(), writeToken);
                        if (attempt.status() == 503) {
                            assertThat(attempt.json().path("type").asText())
                                    .isEqualTo("urn:negotiation-timeline:problem:unavailable");
                            unavailable[0]++;
                        } else if (attempt.status() != 201) {
                            throw new AssertionError("neither 201 nor 503: " + attempt);
                        }
                        return attempt;
                    }, attempt -> attempt.status() == 201);
            acknowledged.put(development.eventId(), TimelineSystem.accepted(reply).sequence());
        };
        for (int i = 0; i < perPhase; i++) {
            write.accept(i);
        }
        Instant stopped = Instant.now();
        deployment.stopGracefully("kafka-2", 10);
        deployment.stopGracefully("kafka-3", 10);
        // Down for OUTAGE, one write every 100 ms meanwhile.
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(perPhase);
        await("writes while two brokers are down").atMost(BROKER_OUTAGE.plusSeconds(60)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    write.accept(next.getAndIncrement());
                    return Duration.between(stopped, Instant.now()).compareTo(BROKER_OUTAGE) >= 0;
                });
        int writtenWhileDown = next.get() - perPhase;
        deployment.startAgain("kafka-2");
        deployment.startAgain("kafka-3");
        Instant restarted = Instant.now();
        for (int i = next.get(), end = next.get() + perPhase; i < end; i++) {
            write.accept(i);
        }
        List<String> inOrder = acknowledged.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).toList();
        for (String projection : PROJECTIONS) {
            await(projection + " has every development of " + nid).atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> eventIds(get(projection, "/api/negotiations/" + nid + "/timeline").json()).size()
                            >= inOrder.size());
            assertThat(eventIds(get(projection, "/api/negotiations/" + nid + "/timeline").json()))
                    .as("the timeline of " + nid + " on " + projection).containsExactlyInAnyOrderElementsOf(inOrder);
        }
        Duration caughtUp = Duration.between(restarted, Instant.now());
        try (SseFollower replay = new SseFollower(deployment.uri("projection-1", 8081,
                "/api/stream?negotiation=" + nid + "&from=beginning"), Duration.ofSeconds(30))) {
            await("the SSE replay of " + nid).atMost(Duration.ofSeconds(60))
                    .until(() -> replay.developments() >= inOrder.size());
            assertThat(replay.problems()).isEmpty();
            assertThat(replay.messages().stream().map(SseFollower.Message::eventId).toList())
                    .as("the stream of " + nid + ", in the order of the sequences").containsExactlyElementsOf(inOrder);
        }
        System.out.printf("[container-tests] two brokers of three down for %d s: %d writes acknowledged (%d while down), "
                        + "%d answers 503, 0 lost, 0 duplicated, order kept; both projections complete %d s after the "
                        + "brokers were started again%n", Duration.between(stopped, restarted).toSeconds(),
                acknowledged.size(), writtenWhileDown, unavailable[0], caughtUp.toSeconds());
    }

    private static List<String> eventIds(JsonNode timeline) {
        List<String> ids = new java.util.ArrayList<>();
        timeline.forEach(item -> ids.add(item.path("eventId").asText()));
        return ids;
    }

    /**
     * With one broker stopped (as in a rolling restart), writes still succeed — two in-sync
     * replicas remain — and reach both projection instances. Last, because the broker stays down.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void withOneBrokerStoppedWritesStillReachBothInstances() {
        deployment.stopGracefully("kafka-3", 30);
        assertThat(deployment.running("kafka-3")).isFalse();

        String nid = "one-broker-down";
        post("/api/negotiations", negotiation(nid, "Written while kafka-3 is down"), writeToken).expectStatus(201);
        Recorded recorded = record(development().report().in(nid).withEventId("written-with-two-brokers")
                .occurred("2026-01-07").titled("Recorded on two brokers").reportedBy("Reuters"));
        for (String projection : PROJECTIONS) {
            awaitTimeline(projection, nid, items -> items.stream()
                    .anyMatch(i -> recorded.eventId().equals(i.path("eventId").asText())));
        }
        assertThat(get("projection-2", "/api/negotiations/" + nid + "/timeline").json())
                .isEqualTo(get("projection-1", "/api/negotiations/" + nid + "/timeline").json());
    }

    // ---------------------------------------------------------------------------------- client

    private static ObjectNode negotiation(String id, String title) {
        return JSON.createObjectNode().put("id", id).put("title", title);
    }

    private void registerActor(String nid, String id, String name) {
        post("/api/negotiations/" + nid + "/actors",
                JSON.createObjectNode().put("id", id).put("name", name).put("kind", "STATE"), writeToken).expectStatus(201);
    }

    private Recorded record(Development development) {
        return TimelineSystem.accepted(post(development.path(), development.body(), writeToken));
    }

    private void awaitTimeline(String projection, String nid, java.util.function.Predicate<List<JsonNode>> condition) {
        await(projection + " shows the expected timeline of " + nid)
                .atMost(PROPAGATION_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    Reply reply = get(projection, "/api/negotiations/" + nid + "/timeline");
                    if (reply.status() != 200) {
                        return false;
                    }
                    List<JsonNode> items = new java.util.ArrayList<>();
                    reply.json().forEach(items::add);
                    return condition.test(items);
                });
    }

    private Reply post(String path, JsonNode body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(deployment.uri("timeline-service", 8080, path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send("POST " + path, request.build());
    }

    private Reply get(String projection, String path) {
        URI uri = deployment.uri(projection, 8081, path);
        return send("GET " + path + " on " + projection, HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build());
    }

    private Reply send(String label, HttpRequest request) {
        return Reply.send(http, label, request);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
