package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.util.ArrayList;
import java.util.List;
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
 * A subscriber that stops reading holds back nobody, costs at most its buffer, and is disconnected
 * once it accepted nothing for the stall timeout (5 s here: longer than publishing and reading the
 * developments takes, so that it is still open when it is looked at); it resumes where it stopped, losing
 * nothing and receiving nothing twice.
 */
@Import(SmallSocketBuffers.class)
@TestPropertySource(properties = {
        "projection.stream.heartbeat=200ms",
        "projection.stream.stall-timeout=5s",
        "projection.stream.poll-interval=1h",
        "projection.stream.page-size=4",
        "projection.stream.max-buffered=8KB",
        // One thread feeds every stream: were it ever to wait for a client, the fast one would wait too.
        "projection.stream.threads=1"})
class SlowSubscriberTest extends ProjectionServiceTestBase {

    private static final int MAX_BUFFERED = 8 * 1024;

    @LocalServerPort
    private int port;

    @Autowired
    private StreamHub hub;

    @Test
    void a_subscriber_that_stops_reading_does_not_delay_another_and_is_dropped_with_a_resumable_position() {
        String nid = "slow-and-fast";
        topic.publish(negotiationStarted(nid).atSequence(0));
        eventually(() -> api.negotiation(nid));
        List<String> developments = IntStream.rangeClosed(1, 60).mapToObj(i -> "development-" + i).toList();
        String everyOne = "/api/stream?negotiation=" + nid;
        String slowOne = everyOne + "&type=OTHER"; // the same developments, told apart by its filter

        try (StreamClient slow = StreamClient.open(port, slowOne).receiveBuffer(2048).connect();
             StreamClient fast = StreamClient.open(port, everyOne).connect()) {
            slow.pause();
            for (int i = 0; i < developments.size(); i++) {
                topic.publish(developmentRecorded(nid, developments.get(i)).ofType("OTHER")
                        .summarised("A long account of the talks. ".repeat(60)).atSequence(i + 1));
            }

            List<Message> fastReceived = fast.untilEventId(developments.get(developments.size() - 1));

            assertThat(fastReceived).extracting(Message::eventId).containsExactlyElementsOf(developments);
            StreamHub.SubscriptionState held = slowState();
            assertThat(held.lastDelivered()).as("the slow one was held back: %s", held)
                    .isLessThan(fastReceived.get(fastReceived.size() - 1).position() - 20);
            assertThat(held.bufferedBytes()).as("what the server holds for it").isLessThan(MAX_BUFFERED + 4096);

            // It accepts nothing for the stall timeout: the server ends its stream.
            eventually(() -> assertThat(hub.subscriptions()).hasSize(1));
            assertThat(hub.subscriptions().get(0).filter().types()).isEmpty();
            slow.resume();
            List<Message> beforeTheDrop = slow.untilEnd();
            assertThat(beforeTheDrop.size()).isLessThan(developments.size());
            assertThat(beforeTheDrop).extracting(Message::eventId)
                    .containsExactlyElementsOf(developments.subList(0, beforeTheDrop.size()));

            try (StreamClient resumed = StreamClient.open(port, slowOne).lastEventId(slow.lastEventId()).connect()) {
                List<Message> all = new ArrayList<>(beforeTheDrop);
                all.addAll(resumed.untilEventId(developments.get(developments.size() - 1)));
                assertThat(all).extracting(Message::eventId).containsExactlyElementsOf(developments);
            }
            assertThat(fast.ended()).isFalse();
            topic.publish(developmentRecorded(nid, "after-the-drop").atSequence(developments.size() + 1));
            assertThat(fast.next().eventId()).isEqualTo("after-the-drop");
        }
    }

    private StreamHub.SubscriptionState slowState() {
        return hub.subscriptions().stream().filter(state -> !state.filter().types().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("the slow stream is not open"));
    }
}
