package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.SmallSocketBuffers;
import org.negotiationtimeline.projection.fixture.StreamClient;
import org.negotiationtimeline.projection.fixture.StreamClient.Message;
import org.negotiationtimeline.projection.stream.StreamHub;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * What the server holds for slow subscribers together is bounded by {@code max-buffered-total}
 * (here 20 KB, where six paused subscribers would each hold their 8 KB): the ones holding the most
 * are dropped, resumably, and a subscriber that keeps up keeps receiving. The stall timeout is
 * left long, so that it is not what drops them.
 */
@Import(SmallSocketBuffers.class)
@TestPropertySource(properties = {
        "projection.stream.heartbeat=200ms",
        "projection.stream.poll-interval=1h",
        "projection.stream.page-size=4",
        "projection.stream.max-buffered=8KB",
        "projection.stream.max-buffered-total=20KB",
        "projection.stream.threads=1"})
class StreamBudgetTest extends ProjectionServiceTestBase {

    private static final int BUDGET = 20 * 1024;
    private static final int SLOW = 6;

    @LocalServerPort
    private int port;

    @Autowired
    private StreamHub hub;

    @Test
    void slow_subscribers_together_hold_at_most_the_budget_and_a_fast_one_keeps_receiving() {
        String nid = "budget-talks";
        topic.publish(negotiationStarted(nid).atSequence(0));
        eventually(() -> api.negotiation(nid));
        List<String> developments = IntStream.rangeClosed(1, 60).mapToObj(i -> "budget-" + i).toList();
        String query = "/api/stream?negotiation=" + nid;

        List<StreamClient> slow = new ArrayList<>();
        try (StreamClient fast = StreamClient.open(port, query).connect()) {
            for (int i = 0; i < SLOW; i++) {
                StreamClient client = StreamClient.open(port, query).receiveBuffer(2048).connect();
                slow.add(client);
                client.pause();
            }
            // The fast one reads while the developments arrive, as a subscriber that keeps up does:
            // read only afterwards, it would hold as much as the slow ones and could be the one dropped.
            CompletableFuture<List<Message>> reading = CompletableFuture.supplyAsync(
                    () -> fast.untilEventId(developments.get(developments.size() - 1)));
            for (int i = 0; i < developments.size(); i++) {
                topic.publish(developmentRecorded(nid, developments.get(i))
                        .summarised("A long account of the talks. ".repeat(60)).atSequence(i + 1));
            }

            List<Message> fastReceived = reading.join();

            assertThat(fastReceived).extracting(Message::eventId).containsExactlyElementsOf(developments);
            assertThat(hub.bufferedBytesPeak()).as("the most held for all streams at once").isLessThanOrEqualTo(BUDGET);
            assertThat(fast.ended()).isFalse();

            // Every slow one, dropped or not, gets all of them, each once, resuming where it was dropped.
            String last = developments.get(developments.size() - 1);
            int droppedCount = 0;
            for (StreamClient client : slow) {
                client.resume();
                List<Message> received = new ArrayList<>(client.untilEventIdOrEnd(last));
                if (received.isEmpty() || !received.get(received.size() - 1).eventId().equals(last)) {
                    droppedCount++;
                    try (StreamClient resumed = StreamClient.open(port, query).lastEventId(client.lastEventId()).connect()) {
                        received.addAll(resumed.untilEventId(last));
                    }
                }
                assertThat(received).extracting(Message::eventId).containsExactlyElementsOf(developments);
            }
            assertThat(droppedCount).as("slow streams dropped for the budget").isGreaterThanOrEqualTo(SLOW - 2);
            topic.publish(developmentRecorded(nid, "after-the-budget").atSequence(developments.size() + 1));
            assertThat(fast.next().eventId()).isEqualTo("after-the-budget");
        } finally {
            slow.forEach(StreamClient::close);
        }
    }
}
