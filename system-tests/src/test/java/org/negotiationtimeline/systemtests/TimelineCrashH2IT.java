package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.negotiationtimeline.systemtests.Development.development;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.systemtests.TimelineSystem.Recorded;

/**
 * "201 means stored", under {@code kill -9}: timeline-service on its embedded default (H2 file,
 * embedded broker) is killed with SIGKILL while several clients post developments, and restarted
 * on the same data directory. Clients retry a failed post with the same eventId until it is
 * answered 201, as a careful client would.
 *
 * <p>Afterwards every eventId that got a 201 must still be in the event store at the sequence it
 * was given (a retry is answered as a replay with that sequence), and in the timeline view exactly
 * once. CI-sized by default; the full scale of issue 14 is
 * {@code -Dcrash.developments=10000 -Dcrash.clients=8 -Dcrash.kills=3} (docs/reliability.md).
 */
class TimelineCrashH2IT {

    private static final int DEVELOPMENTS = Integer.getInteger("crash.developments", 300);
    private static final int CLIENTS = Integer.getInteger("crash.clients", 4);
    private static final int KILLS = Integer.getInteger("crash.kills", 2);
    private static final int NEGOTIATIONS = 2;
    private static final Duration RETRY_FOR = Duration.ofMinutes(2);

    @Test
    void everyAcknowledgedDevelopmentSurvivesKillMinus9ExactlyOnce() throws Exception {
        try (TimelineSystem system = TimelineSystem.start(getClass().getSimpleName(), Storage.h2())) {
            for (int n = 0; n < NEGOTIATIONS; n++) {
                system.startNegotiation(negotiation(n), "Crash test " + n);
            }
            Map<String, Development> posted = new ConcurrentHashMap<>();
            Map<String, Recorded> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> load = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                load.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < DEVELOPMENTS; i = next.getAndIncrement()) {
                        Development development = development().report().in(negotiation(i % NEGOTIATIONS))
                                .withEventId("crash-" + i).occurred("2026-01-07").titled("Report " + i)
                                .reportedBy("Reuters");
                        posted.put(development.eventId(), development);
                        acknowledged.put(development.eventId(), recordRetrying(system, development));
                    }
                    return null;
                }));
            }

            List<Long> recoveries = new ArrayList<>();
            for (int kill = 1; kill <= KILLS; kill++) {
                int threshold = DEVELOPMENTS * kill / (KILLS + 1);
                await("acknowledged developments ≥ " + threshold).atMost(RETRY_FOR)
                        .pollInterval(Duration.ofMillis(20)).until(() -> acknowledged.size() >= threshold);
                long killedAt = System.nanoTime();
                system.crashAndRestartTimeline();
                recoveries.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            }
            for (Future<?> client : load) {
                client.get(RETRY_FOR.toSeconds(), TimeUnit.SECONDS);
            }
            clients.shutdown();
            long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            // The store: a retry of each acknowledged development must be a replay of its first answer.
            List<String> lost = new ArrayList<>();
            for (Map.Entry<String, Recorded> ack : acknowledged.entrySet()) {
                Reply retry = system.attemptToRecord(posted.get(ack.getKey()));
                boolean replayed = retry.status() == 201 && retry.header("Idempotent-Replayed").orElse("").equals("true")
                        && retry.json().path("sequence").asLong(-1) == ack.getValue().sequence();
                if (!replayed) {
                    lost.add(ack.getKey() + " (acknowledged at " + ack.getValue().sequence() + ", now " + retry + ")");
                }
            }
            Map<String, Integer> sequenceUse = new HashMap<>();
            acknowledged.forEach((id, recorded) -> sequenceUse.merge(
                    posted.get(id).negotiationId() + "@" + recorded.sequence(), 1, Integer::sum));
            long reusedSequences = sequenceUse.values().stream().filter(uses -> uses > 1).count();
            System.out.printf("[system-tests] crash test: %d developments, %d clients, %d kills; acknowledged %d, "
                            + "lost from the store %d, sequences given twice %d; load took %d ms, restarts took %s ms%n",
                    DEVELOPMENTS, CLIENTS, KILLS, acknowledged.size(), lost.size(), reusedSequences, loadMillis,
                    recoveries);
            assertThat(acknowledged).hasSize(DEVELOPMENTS);
            assertThat(lost).as("acknowledged developments missing from the event store").isEmpty();
            assertThat(reusedSequences).as("sequences acknowledged for two developments").isZero();

            // The views: each acknowledged development exactly once, and nothing else.
            for (int n = 0; n < NEGOTIATIONS; n++) {
                String nid = negotiation(n);
                List<String> expected = acknowledged.keySet().stream()
                        .filter(id -> posted.get(id).negotiationId().equals(nid)).toList();
                List<String> seen = system.eventually().atMost(Duration.ofSeconds(60))
                        .alias("every acknowledged development of " + nid + " in its timeline")
                        .until(() -> system.timelineOf(nid).stream().map(item -> item.path("eventId").asText()).toList(),
                                ids -> ids.size() >= expected.size());
                assertThat(seen).as("the timeline of " + nid).containsExactlyInAnyOrderElementsOf(expected);
                JsonNode summary = system.negotiation(nid);
                assertThat(summary.path("developmentCount").asLong()).isEqualTo(expected.size());
            }
        }
    }

    /** Posts until answered 201, through connection failures and 5xx while the service restarts. */
    private static Recorded recordRetrying(TimelineSystem system, Development development) {
        Reply reply = await("201 for " + development.eventId()).atMost(RETRY_FOR)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> {
                    Reply attempt = system.attemptToRecord(development);
                    if (attempt.status() >= 400 && attempt.status() < 500) {
                        throw new AssertionError("refused: " + attempt);
                    }
                    return attempt;
                }, attempt -> attempt.status() == 201);
        return TimelineSystem.accepted(reply);
    }

    private static String negotiation(int n) {
        return "crash-test-" + n;
    }
}
