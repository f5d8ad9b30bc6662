package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The views' PostgreSQL database refuses connections for {@code faults.outage-seconds} (30) mid-load,
 * on the packaged services: {@code ALTER DATABASE … ALLOW_CONNECTIONS false} and every session ended
 * ({@code pg_terminate_backend}), then connections allowed again. Before the consumer was
 * supervised, the views stopped for good at the outage (issue 14: 5,509 of 10,000).
 *
 * <p>Checked: writes go on (timeline-service has its own database); projection-service's health
 * turns DOWN and stays DOWN for the whole outage, is UP again after it, the views catch up, and
 * {@link FaultLoad}'s checks: nothing lost, nothing twice, in the views and the SSE replay.
 */
class ViewsDatabaseOutageIT {

    private static final FaultScale SCALE = FaultScale.of(1, Duration.ofSeconds(40));
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("faults.outage-seconds", 30));

    @Test
    void theViewsCatchUpAfterTheirDatabaseRefusedConnectionsAndNothingIsLost() throws Exception {
        String name = getClass().getSimpleName();
        PostgresStorage postgres = PostgresStorage.create();
        try (TimelineSystem system = TimelineSystem.start(name, postgres)) {
            FaultLoad load = FaultLoad.prepare(system, SCALE, "views-outage", 2);
            try {
                load.start();
                load.awaitAcknowledged(SCALE.threshold(1));
                long outageStarted = System.nanoTime();
                int ended;
                int acknowledgedAtOutage = load.acknowledgedCount();
                long downAfter;
                int acknowledgedDuringOutage;
                int healthAnswers;
                try {
                    ended = postgres.refuseViewConnections();
                    await("projection-service's health DOWN").atMost(OUTAGE)
                            .pollInterval(Duration.ofMillis(200)).until(() -> "DOWN".equals(projectionHealth(system)));
                    downAfter = elapsedMillis(outageStarted);
                    // DOWN for as long as the database refuses: every answer until the outage ends.
                    List<String> answers = new ArrayList<>();
                    await("the end of the outage").atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofMillis(500))
                            .until(() -> {
                                answers.add(projectionHealth(system));
                                return elapsedMillis(outageStarted) >= OUTAGE.toMillis();
                            });
                    healthAnswers = answers.size();
                    assertThat(answers).as("projectionHealth during the outage").containsOnly("DOWN");
                    acknowledgedDuringOutage = load.acknowledgedCount() - acknowledgedAtOutage;
                } finally {
                    postgres.allowViewConnections();
                }
                long allowedAt = System.nanoTime();
                await("projection-service's health UP again").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200)).until(() -> "UP".equals(projectionHealth(system)));
                long upAfter = elapsedMillis(allowedAt);
                Duration took = load.finish();
                FaultLoad.Figures figures = load.checkStoreAndTopic();
                Duration caughtUp = load.checkViews(Duration.ofSeconds(90));
                assertThat(acknowledgedDuringOutage).as("writes acknowledged while the views' database was out")
                        .isPositive();
                System.out.printf("[system-tests] %s: %s, outage %d s (%d sessions ended); %s; %d developments "
                                + "acknowledged during the outage; health DOWN %d ms into it (%d answers, all DOWN), UP %d ms after it; "
                                + "load took %d ms, views complete %d ms after the load%n", name, SCALE,
                        OUTAGE.toSeconds(), ended, figures, acknowledgedDuringOutage, downAfter, healthAnswers, upAfter,
                        took.toMillis(), caughtUp.toMillis());
            } catch (AssertionError | RuntimeException e) {
                System.out.println("[system-tests] " + name + " failed; the services' last log lines:\n"
                        + system.logTails());
                throw e;
            }
        }
    }

    /** The projection consumer's own health component: DOWN while it cannot apply. */
    private static String projectionHealth(TimelineSystem system) {
        try {
            JsonNode health = system.get("/actuator/health").json();
            return health.path("components").path("projectionHealth").path("status").asText();
        } catch (UncheckedIOException e) {
            return "unreachable";
        }
    }

    private static long elapsedMillis(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toMillis();
    }
}
