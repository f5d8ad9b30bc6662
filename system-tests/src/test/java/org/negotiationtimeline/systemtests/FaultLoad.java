package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.negotiationtimeline.systemtests.Development.development;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The load every fault test runs: several clients post developments to a few negotiations, every
 * other request a batch ({@code POST …/events/batch}, all or nothing) and the others single posts,
 * each retried with the same eventIds until answered 201, through connection failures and 5xx, as a
 * careful client does. Afterwards it checks the promise of issue 14 for every acknowledged eventId:
 * in the event store where it was acknowledged, on the topic at that sequence, in the timeline view
 * and in the SSE replay exactly once, and nothing else there.
 */
final class FaultLoad {

    /** How long one request may be retried, and the whole load may take after the last fault. */
    static final Duration RETRY_FOR = Duration.ofMinutes(FaultScale.FULL ? 10 : 2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "negotiation-events";

    /** One request: a single post (one development) or a batch of one negotiation. */
    record Unit(String negotiationId, List<Development> developments, boolean batch) {

        String path() {
            return "/api/negotiations/" + negotiationId + "/events" + (batch ? "/batch" : "");
        }

        JsonNode body() {
            if (!batch) {
                return developments.get(0).body();
            }
            ObjectNode body = JSON.createObjectNode();
            ArrayNode events = body.putArray("events");
            developments.forEach(d -> events.add(d.body()));
            return body;
        }
    }

    private final TimelineSystem system;
    private final FaultScale scale;
    private final List<String> negotiations;
    private final List<Unit> units = new ArrayList<>();
    private final Map<String, Development> posted = new ConcurrentHashMap<>();
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final List<String> anomalies = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private ExecutorService clients;
    private ScheduledExecutorService pacer;
    private Semaphore permits;
    private final List<Future<?>> running = new ArrayList<>();
    private long startedAt;

    private FaultLoad(TimelineSystem system, FaultScale scale, List<String> negotiations) {
        this.system = system;
        this.scale = scale;
        this.negotiations = negotiations;
        for (int i = 0; i < scale.developments(); ) {
            boolean batch = scale.batchSize() > 0 && units.size() % 2 == 1;
            String nid = negotiations.get(units.size() % negotiations.size());
            int size = batch ? Math.min(scale.batchSize(), scale.developments() - i) : 1;
            List<Development> developments = new ArrayList<>();
            for (int k = 0; k < size; k++, i++) {
                developments.add(development().report().in(nid).withEventId("fault-" + i)
                        .occurred("2026-01-07").titled("Report " + i).reportedBy("Reuters"));
            }
            units.add(new Unit(nid, developments, batch));
        }
    }

    /** Starts the negotiations (fails unless created) and prepares the load; nothing is posted yet. */
    static FaultLoad prepare(TimelineSystem system, FaultScale scale, String prefix, int negotiationCount) {
        List<String> negotiations = new ArrayList<>();
        for (int n = 0; n < negotiationCount; n++) {
            negotiations.add(prefix + "-" + n);
            system.startNegotiation(prefix + "-" + n, "Fault test " + n);
        }
        return new FaultLoad(system, scale, negotiations);
    }

    List<String> negotiations() {
        return negotiations;
    }

    /** Starts the clients; with a load time, requests are let through at an even rate over it. */
    FaultLoad start() {
        startedAt = System.nanoTime();
        clients = Executors.newFixedThreadPool(scale.clients());
        if (!scale.loadTime().isZero()) {
            permits = new Semaphore(0);
            pacer = Executors.newSingleThreadScheduledExecutor();
            long every = Math.max(1, scale.loadTime().toMillis() / units.size());
            pacer.scheduleAtFixedRate(() -> permits.release(), 0, every, TimeUnit.MILLISECONDS);
        }
        for (int c = 0; c < scale.clients(); c++) {
            running.add(clients.submit(() -> {
                for (int u = next.getAndIncrement(); u < units.size(); u = next.getAndIncrement()) {
                    if (permits != null) {
                        permits.acquire();
                    }
                    post(units.get(u));
                }
                return null;
            }));
        }
        return this;
    }

    private void post(Unit unit) {
        unit.developments().forEach(d -> posted.put(d.eventId(), d));
        AtomicInteger attempts = new AtomicInteger();
        Reply reply = await("201 for " + unit.developments().get(0).eventId()).atMost(RETRY_FOR)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> {
                    attempts.incrementAndGet();
                    Reply attempt = system.attemptToPost(unit.path(), unit.body());
                    if (attempt.status() >= 400 && attempt.status() < 500) {
                        throw new AssertionError("refused: " + attempt);
                    }
                    return attempt;
                }, attempt -> attempt.status() == 201);
        if (attempts.get() > 1) {
            retried.incrementAndGet();
        }
        if (!unit.batch()) {
            acknowledged.put(unit.developments().get(0).eventId(), TimelineSystem.accepted(reply).sequence());
            return;
        }
        JsonNode answers = reply.json().path("events");
        long replayed = 0;
        for (JsonNode answer : answers) {
            acknowledged.put(answer.path("eventId").asText(), answer.path("sequence").asLong(-1));
            replayed += answer.path("replayed").asBoolean() ? 1 : 0;
        }
        if (answers.size() != unit.developments().size()) {
            anomalies.add("a batch of " + unit.developments().size() + " answered for " + answers.size() + ": " + reply);
        }
        if (replayed != 0 && replayed != answers.size()) {
            // Only possible if a batch was partly stored before a crash: all or nothing was promised.
            anomalies.add("a retried batch was partly stored already (" + replayed + " of " + answers.size()
                    + " items replayed): " + reply);
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Waits until at least this many developments were answered 201. */
    void awaitAcknowledged(int count) {
        await("acknowledged developments ≥ " + count).atMost(RETRY_FOR)
                .pollInterval(Duration.ofMillis(20)).until(() -> acknowledged.size() >= count);
    }

    /** Waits for every client to be done; returns how long the load took. */
    Duration finish() throws Exception {
        try {
            for (Future<?> client : running) {
                client.get(RETRY_FOR.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
            if (pacer != null) {
                pacer.shutdownNow();
            }
        }
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** Requests that needed more than one attempt. */
    int retriedRequests() {
        return retried.get();
    }

    List<String> expectedIn(String negotiationId) {
        return acknowledged.keySet().stream()
                .filter(id -> posted.get(id).negotiationId().equals(negotiationId)).toList();
    }

    // ---------------------------------------------------------------- the checks

    /** What the checks found: each figure must be 0 but {@code acknowledged}. */
    record Figures(int acknowledged, int lostFromStore, long sequencesGivenTwice, int batchAnomalies,
                   int missingOnTopic, int republishedOnTopic, int unacknowledgedOnTopic) {
    }

    /**
     * The store and the topic: every acknowledged development is answered as a replay with its
     * sequence (single) or its batch as a replay of every item, no sequence was given twice, every
     * acknowledged development is on the topic at its sequence, and no other development is.
     */
    Figures checkStoreAndTopic() {
        assertThat(acknowledged).as("acknowledged developments").hasSize(scale.developments());
        List<String> lost = new ArrayList<>();
        for (Unit unit : units) {
            Reply retry = system.attemptToPost(unit.path(), unit.body());
            if (retry.status() != 201) {
                lost.add(unit.developments().get(0).eventId() + "…: " + retry);
                continue;
            }
            if (!unit.batch()) {
                String id = unit.developments().get(0).eventId();
                boolean replayed = retry.header("Idempotent-Replayed").orElse("").equals("true")
                        && retry.json().path("sequence").asLong(-1) == acknowledged.get(id);
                if (!replayed) {
                    lost.add(id + " (acknowledged at " + acknowledged.get(id) + ", now " + retry + ")");
                }
                continue;
            }
            for (JsonNode answer : retry.json().path("events")) {
                String id = answer.path("eventId").asText();
                if (!answer.path("replayed").asBoolean() || answer.path("sequence").asLong(-1) != acknowledged.get(id)) {
                    lost.add(id + " (acknowledged at " + acknowledged.get(id) + ", now " + answer + ")");
                }
            }
        }
        Map<String, Integer> sequenceUse = new HashMap<>();
        acknowledged.forEach((id, sequence) -> sequenceUse.merge(posted.get(id).negotiationId() + "@" + sequence, 1,
                Integer::sum));
        long reused = sequenceUse.values().stream().filter(uses -> uses > 1).count();

        // The topic: every acknowledged development at its (negotiation, sequence), re-publications allowed.
        Map<String, List<Long>> onTopic = developmentsOnTopic();
        int missing = 0;
        int republished = 0;
        for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
            List<Long> sequences = onTopic.getOrDefault(ack.getKey(), List.of());
            if (sequences.isEmpty() || sequences.stream().anyMatch(s -> !s.equals(ack.getValue()))) {
                missing++;
                lost.add(ack.getKey() + " on the topic at " + sequences + ", acknowledged at " + ack.getValue());
            }
            republished += Math.max(0, sequences.size() - 1);
        }
        int unacknowledged = (int) onTopic.keySet().stream().filter(id -> !acknowledged.containsKey(id)).count();
        Figures figures = new Figures(acknowledged.size(), lost.size() - missing, reused, anomalies.size(), missing,
                republished, unacknowledged);
        System.out.println("[system-tests] store and topic: " + figures + "; requests retried " + retried.get());
        assertThat(lost).as("acknowledged developments missing from the event store or the topic").isEmpty();
        assertThat(reused).as("sequences acknowledged for two developments").isZero();
        assertThat(anomalies).as("batches not stored all or nothing").isEmpty();
        assertThat(unacknowledged).as("developments on the topic that were never acknowledged").isZero();
        return figures;
    }

    /** eventId → the sequences it was published at, read from the whole topic. */
    private Map<String, List<Long>> developmentsOnTopic() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, List<Long>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            await("the whole topic read").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (header(record, "ce_type").endsWith(".DevelopmentRecorded")) {
                        try {
                            String eventId = JSON.readTree(record.value()).path("eventId").asText();
                            found.computeIfAbsent(eventId, id -> new ArrayList<>())
                                    .add(Long.parseLong(header(record, "ce_sequence")));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The views: each negotiation's timeline holds every acknowledged development exactly once and
     * nothing else (waiting until the views caught up), its summary counts them, and a replay of its
     * SSE stream from the beginning delivers each exactly once.
     *
     * @return how long the views took to hold them all, from this call
     */
    Duration checkViews(Duration catchUp) {
        long started = System.nanoTime();
        for (String nid : negotiations) {
            List<String> expected = expectedIn(nid);
            List<String> seen = system.eventually().atMost(catchUp)
                    .alias("every acknowledged development of " + nid + " in its timeline")
                    .until(() -> system.wholeTimelineOf(nid).stream().map(item -> item.path("eventId").asText()).toList(),
                            ids -> ids.size() >= expected.size());
            assertThat(seen).as("the timeline of " + nid).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(system.negotiation(nid).path("developmentCount").asLong()).isEqualTo(expected.size());
        }
        Duration caughtUp = Duration.ofNanos(System.nanoTime() - started);
        for (String nid : negotiations) {
            List<String> expected = expectedIn(nid);
            try (SseFollower replay = new SseFollower(system.projectionService().uri(
                    "/api/stream?negotiation=" + nid + "&from=beginning"), Duration.ofSeconds(30))) {
                await("the SSE replay of " + nid).atMost(Duration.ofSeconds(60))
                        .until(() -> replay.developments() >= expected.size());
                assertThat(replay.problems()).as("the SSE replay of " + nid).isEmpty();
                assertThat(replay.messages().stream().filter(m -> m.event().equals("development"))
                        .map(SseFollower.Message::eventId).toList())
                        .as("the SSE replay of " + nid).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
        return caughtUp;
    }

    /** Every acknowledged development, by negotiation: for checks of a live stream. */
    Map<String, String> negotiationOfEachAcknowledged() {
        return acknowledged.keySet().stream().collect(Collectors.toMap(id -> id, id -> posted.get(id).negotiationId()));
    }
}
