package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.GatedStreamLog;
import org.negotiationtimeline.projection.fixture.StreamClient;
import org.negotiationtimeline.projection.fixture.StreamClient.Message;
import org.negotiationtimeline.projection.fixture.TimelineEvents.DevelopmentRecorded;
import org.negotiationtimeline.projection.stream.StreamHub;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Catching up ({@code from=beginning}, an old Last-Event-ID) reads only what may match, in pages
 * and windows, and on threads of its own: however long or slow, it does not hold up live
 * subscribers. One hub thread feeds the live ones here, so that were a catch-up to run on it, they
 * would wait; the in-memory tail is small, so that the history is read from the table.
 */
@Import(GatedStreamLog.Configuration.class)
@TestPropertySource(properties = {
        "projection.stream.heartbeat=200ms",
        "projection.stream.poll-interval=1h",
        "projection.stream.page-size=50",
        "projection.stream.tail-size=8",
        "projection.stream.catch-up-scan=120",
        "projection.stream.threads=1",
        "projection.stream.catch-up-threads=1"})
class StreamCatchUpTest extends ProjectionServiceTestBase {

    private static final String LONG = "long-talks";
    private static final String SHORT = "short-talks";
    private static final String LIVE = "live-talks";
    private static final int HISTORY = 400;

    @LocalServerPort
    private int port;

    @Autowired
    private GatedStreamLog streamLog;

    @Autowired
    private StreamHub hub;

    private static final List<String> longHistory = IntStream.rangeClosed(1, HISTORY).mapToObj(i -> "long-" + i).toList();
    private static final List<String> shortHistory = new ArrayList<>();

    /** Once per class (the context is per class): a long negotiation, with a few sanctions and a rare actor, and a short one in between. */
    @BeforeEach
    void history() {
        if (!shortHistory.isEmpty()) {
            return;
        }
        topic.publish(negotiationStarted(LONG).atSequence(0), negotiationStarted(SHORT).atSequence(0));
        int shortSequence = 0;
        for (int i = 0; i < HISTORY; i++) {
            DevelopmentRecorded development = developmentRecorded(LONG, longHistory.get(i))
                    .ofType(i % 100 == 99 ? "SANCTIONS" : "MEETING").withActor(i % 150 == 0 ? "rare-envoy" : "usual-envoy", "HOST");
            topic.publish(development.atSequence(i + 1));
            if (i % 80 == 40) {
                String id = "short-" + (++shortSequence);
                shortHistory.add(id);
                topic.publish(developmentRecorded(SHORT, id).atSequence(shortSequence));
            }
        }
        topic.publish(negotiationStarted(LIVE).atSequence(0));
        eventually(() -> api.negotiation(LIVE));
        eventually(() -> assertThat(streamLog.head()).as("stream entries").isEqualTo(HISTORY + shortHistory.size()));
    }

    /** The newest 8 entries (long-393 to long-400) are in memory: only the others are read from the table. */
    @Test
    void a_catch_up_reads_only_the_rows_that_may_match_its_filter() {
        assertThat(readFromTheBeginning("negotiation=" + SHORT, shortHistory)).as("rows read for the short negotiation")
                .isEqualTo(shortHistory.size());
        assertThat(readFromTheBeginning("negotiation=" + LONG + "&type=SANCTIONS", List.of("long-100", "long-200", "long-300", "long-400")))
                .as("rows read for its sanctions").isEqualTo(3);
        assertThat(readFromTheBeginning("actor=rare-envoy", List.of("long-1", "long-151", "long-301")))
                .as("rows read for the rare actor").isEqualTo(3);
    }

    @Test
    void a_slow_catch_up_of_a_long_history_does_not_hold_up_a_live_subscriber() {
        streamLog.close();
        try (StreamClient catchingUp = StreamClient.open(port, "/api/stream?negotiation=" + LONG + "&from=beginning").connect();
             StreamClient live = StreamClient.open(port, "/api/stream?negotiation=" + LIVE).connect()) {
            eventually(() -> assertThat(streamLog.waiting()).as("catch-up reads held").isEqualTo(1));

            topic.publish(developmentRecorded(LIVE, "short-live").atSequence(1));
            Message received = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> live.next(),
                    "the live subscriber waited for the catch-up");
            assertThat(received.eventId()).isEqualTo("short-live");

            streamLog.open();
            assertThat(catchingUp.next(HISTORY)).extracting(Message::eventId).containsExactlyElementsOf(longHistory);
        } finally {
            streamLog.open();
        }
    }

    /** Reads a filter's history from the beginning, which must be {@code expected}; returns the rows the table gave for it. */
    private long readFromTheBeginning(String query, List<String> expected) {
        long before = streamLog.rowsRead();
        try (StreamClient stream = StreamClient.open(port, "/api/stream?" + query + "&from=beginning").connect()) {
            assertThat(stream.next(expected.size())).extracting(Message::eventId).containsExactlyElementsOf(expected);
            eventually(() -> assertThat(hub.subscriptions()).anySatisfy(state ->
                    assertThat(state.position()).as("read up to the end").isEqualTo(streamLog.head())));
            return streamLog.rowsRead() - before;
        }
    }
}
