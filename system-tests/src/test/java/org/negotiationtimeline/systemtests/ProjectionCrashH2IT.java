package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * projection-service on its embedded default (H2 views, {@code WRITE_DELAY=0}) killed with SIGKILL
 * three times while clients post developments, single and in batches, and restarted on the same data
 * directory. Before the H2 fix this lost committed view rows: the views went backwards, positions
 * were renumbered, and a live SSE client resuming with {@code Last-Event-ID} got 400 "beyond the
 * end" and missed developments for good (issue 14).
 *
 * <p>Checked: the views never hold fewer developments after a restart than before the kill; a live
 * SSE client that follows the whole run, resuming with {@code Last-Event-ID} after each restart,
 * receives every acknowledged development exactly once, with positions only going up and equal to
 * those a replay from the beginning shows afterwards (nothing renumbered); and all of
 * {@link FaultLoad}'s checks.
 */
class ProjectionCrashH2IT {

    private static final FaultScale SCALE = FaultScale.of(3, Duration.ofSeconds(40));

    @Test
    void killingTheProjectionLosesNothingAndALiveStreamResumesExactlyOnce() throws Exception {
        String name = getClass().getSimpleName();
        try (TimelineSystem system = TimelineSystem.start(name, Storage.h2())) {
            FaultLoad load = FaultLoad.prepare(system, SCALE, "projection-crash", 2);
            List<Long> recoveries = new ArrayList<>();
            List<String> viewCounts = new ArrayList<>();
            try (SseFollower live = new SseFollower(system.projectionService().uri("/api/stream?from=beginning"),
                    Duration.ofSeconds(30))) {
                load.start();
                for (int kill = 1; kill <= SCALE.kills(); kill++) {
                    // Mid-consumption: the views have moved since the last restart and the load goes on.
                    int threshold = SCALE.threshold(kill);
                    load.awaitAcknowledged(threshold);
                    await("the views at " + threshold + " developments").atMost(Duration.ofSeconds(60))
                            .until(() -> live.developments() >= threshold);
                    long before = developmentsInViews(system, load);
                    long killedAt = System.nanoTime();
                    system.crashAndRestartProjection();
                    recoveries.add(Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
                    long after = developmentsInViews(system, load);
                    viewCounts.add(before + "→" + after);
                    assertThat(after).as("developments in the views after restart %d (before the kill: %d)", kill, before)
                            .isGreaterThanOrEqualTo(before);
                }
                Duration took = load.finish();
                long checksStarted = System.nanoTime();
                FaultLoad.Figures figures = load.checkStoreAndTopic();
                Duration caughtUp = load.checkViews(Duration.ofSeconds(60));
                System.out.println("[system-tests] store, topic and views checked in "
                        + Duration.ofNanos(System.nanoTime() - checksStarted).toMillis() + " ms");

                int expected = figures.acknowledged();
                await("the live stream has every development").atMost(Duration.ofSeconds(60))
                        .until(() -> live.developments() >= expected || !live.problems().isEmpty());
                assertThat(live.problems()).as("what the live client met").isEmpty();
                List<SseFollower.Message> received = live.messages();
                assertThat(received.stream().map(SseFollower.Message::eventId).toList())
                        .as("developments the live client received over all its connections")
                        .containsExactlyInAnyOrderElementsOf(load.negotiationOfEachAcknowledged().keySet());
                assertThat(live.connections()).as("the live client resumed after each restart")
                        .isGreaterThan(SCALE.kills());
                try (SseFollower replay = new SseFollower(system.projectionService().uri("/api/stream?from=beginning"),
                        Duration.ofSeconds(30))) {
                    await("a replay of the whole stream").atMost(Duration.ofSeconds(60))
                            .until(() -> replay.developments() >= expected);
                    assertThat(replay.messages()).as("positions after the restarts: the same as the live client saw")
                            .containsExactlyElementsOf(received);
                }
                System.out.printf("[system-tests] %s: %s; %s; live client: %d developments over %d connections; "
                                + "views (developments) before→after each kill %s; load took %d ms, restarts until "
                                + "healthy %s ms, views complete %d ms after the load%n", name, SCALE, figures,
                        received.size(), live.connections(), viewCounts, took.toMillis(), recoveries,
                        caughtUp.toMillis());
            } catch (AssertionError | RuntimeException e) {
                System.out.println("[system-tests] " + name + " failed; the services' last log lines:\n"
                        + system.logTails());
                throw e;
            }
        }
    }

    /** The developments the views hold, summed over the load's negotiations (0 before a negotiation is projected). */
    private static long developmentsInViews(TimelineSystem system, FaultLoad load) {
        long total = 0;
        for (String nid : load.negotiations()) {
            Reply reply = system.get("/api/negotiations/" + nid);
            total += reply.status() == 200 ? reply.json().path("developmentCount").asLong() : 0;
        }
        return total;
    }
}
