package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.Occurrence.atMinute;
import static org.negotiationtimeline.projection.fixture.Occurrence.onDay;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.eventIds;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.TimelineEvents.DevelopmentRecorded;

/**
 * The publisher delivers at least once: after a failed batch it puts the same events on the topic
 * again, at new offsets. The views must still hold each development once.
 */
class RedeliveryTest extends ProjectionServiceTestBase {

    @Test
    void a_development_published_again_after_it_was_applied_is_not_applied_twice() {
        String nid = "redelivered-after-apply";
        DevelopmentRecorded summit = developmentRecorded(nid, "paris-summit").ofType("MEETING")
                .occurred(onDay("2026-01-06")).atSequence(1);
        DevelopmentRecorded declaration = developmentRecorded(nid, "paris-declaration").ofType("STATEMENT")
                .occurred(atMinute("2026-01-06T15:45+01:00")).atSequence(2);

        topic.publish(negotiationStarted(nid).atSequence(0));
        RecordMetadata first = topic.publish(summit);
        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("paris-summit"));
        assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(1);

        RecordMetadata again = topic.publish(summit);
        assertThat(again.partition()).isEqualTo(first.partition());
        assertThat(again.offset()).as("the redelivery is a new record").isGreaterThan(first.offset());

        // The next event of the stream lands after the redelivery: once it shows, the redelivery was consumed.
        topic.publish(declaration);
        eventually(() -> assertThat(eventIds(api.timeline(nid))).contains("paris-declaration"));

        assertThat(eventIds(api.timeline(nid))).containsExactly("paris-summit", "paris-declaration");
        assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(2);
    }

    @Test
    void a_whole_batch_published_again_right_behind_itself_is_applied_once() {
        String nid = "redelivered-batch";
        var started = negotiationStarted(nid).atSequence(0);
        var summit = developmentRecorded(nid, "summit").ofType("MEETING").occurred(onDay("2026-01-06")).atSequence(1);
        var statement = developmentRecorded(nid, "statement").ofType("STATEMENT").occurred(onDay("2026-01-07")).atSequence(2);
        var report = developmentRecorded(nid, "report").ofType("REPORT").occurred(onDay("2026-01-08")).atSequence(3);

        // The batch 0..2 goes out twice (likely read in one poll), then the stream goes on.
        topic.publish(started, summit, statement, started, summit, statement, report);

        eventually(() -> assertThat(eventIds(api.timeline(nid))).contains("report"));
        assertThat(eventIds(api.timeline(nid))).containsExactly("summit", "statement", "report");
        assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(3);
        assertThat(api.negotiations().findValuesAsText("id")).containsOnlyOnce(nid);
    }
}
