package org.negotiationtimeline.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "201 means stored", under {@code kill -9}: timeline-service (with its embedded broker) is killed
 * with SIGKILL while several clients post developments, single and in batches, and restarted on the
 * same data directory and database. Subclasses choose the event store (H2 file, PostgreSQL).
 *
 * <p>Afterwards every acknowledged eventId must be in the event store at the sequence it was given
 * (a retry is answered as a replay with that sequence; a retried batch replays every item: it was
 * stored whole), on the topic at that sequence, and in the timeline view and the SSE replay exactly
 * once ({@link FaultLoad}). CI-sized by default; {@code -Dfaults.scale=full} runs issue 14's full
 * scale (docs/reliability.md).
 */
abstract class TimelineCrashScenario {

    private static final FaultScale SCALE = FaultScale.of(2, Duration.ZERO);

    /** The storage both services run on; owned by the system from then on. */
    protected abstract Storage storage();

    @Test
    void everyAcknowledgedDevelopmentSurvivesKillMinus9ExactlyOnce() throws Exception {
        String name = getClass().getSimpleName();
        try (TimelineSystem system = TimelineSystem.start(name, storage())) {
            FaultLoad load = FaultLoad.prepare(system, SCALE, "crash-test", 2).start();
            List<Long> recoveries = new ArrayList<>();
            try {
                for (int kill = 1; kill <= SCALE.kills(); kill++) {
                    load.awaitAcknowledged(SCALE.threshold(kill));
                    long killedAt = System.nanoTime();
                    system.crashAndRestartTimeline();
                    recoveries.add(Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
                }
                Duration took = load.finish();
                FaultLoad.Figures figures = load.checkStoreAndTopic();
                Duration caughtUp = load.checkViews(Duration.ofSeconds(60));
                System.out.printf("[system-tests] %s: %s; %s; load took %d ms, restarts until healthy %s ms, "
                                + "views complete %d ms after the load%n", name, SCALE, figures, took.toMillis(),
                        recoveries, caughtUp.toMillis());
            } catch (AssertionError | RuntimeException e) {
                System.out.println("[system-tests] " + name + " failed; the services' last log lines:\n"
                        + system.logTails());
                throw e;
            }
        }
    }
}
