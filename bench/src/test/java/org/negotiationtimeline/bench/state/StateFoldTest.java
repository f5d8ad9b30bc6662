package org.negotiationtimeline.bench.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.documentCreated;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.provisionStatus;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.versionAdded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentCorrected;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRetracted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.consuming.TimelineEventsTopic;
import org.negotiationtimeline.projection.fixture.DocumentEvents.VersionAdded;
import org.negotiationtimeline.projection.fixture.Occurrence;
import org.negotiationtimeline.projection.fixture.StateFold;
import org.negotiationtimeline.projection.fixture.TimelineEvents.DevelopmentRecorded;
import org.negotiationtimeline.projection.fixture.TimelineEvents.Event;
import org.negotiationtimeline.projection.state.StateQueries;

/**
 * The fold on a small history written by hand, one rule of docs/queries.md per assertion, so that
 * it is right on its own and not only equal to the lookup; the lookup is asked the same.
 */
class StateFoldTest {

    private static final String NID = "hand-written";

    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    @Test
    void each_rule_on_a_small_history() {
        append("2026-01-01T08:00:00Z", negotiationStarted(NID).titled("Hand-written talks"));
        // The weekend, Jan 3–4: uncertain on Jan 3, happened by the end of Jan 4.
        append("2026-01-05T09:00:00Z", development("weekend", "MEETING", Occurrence.betweenDays("2026-01-03", "2026-01-04"))
                .titled("Talks over the weekend"));
        // A position, later replaced by the same holder's on the same question.
        append("2026-01-05T10:00:00Z", position("supports", Occurrence.onDay("2026-01-03"), "SUPPORTS"));
        append("2026-01-05T11:00:00Z", position("rejects", Occurrence.onDay("2026-01-05"), "REJECTS"));
        // Two sources' claims on one subject, side by side.
        append("2026-01-05T12:00:00Z", development("claim-a", "REPORT", Occurrence.onDay("2026-01-03"))
                .claiming("troops.count", 15_000));
        append("2026-01-05T13:00:00Z", development("claim-b", "REPORT", Occurrence.atMinute("2026-01-04T10:15Z"))
                .claiming("troops.count", 30_000));
        // A late arrival about last month, and a correction moving it, and a retraction of another.
        append("2026-01-06T09:00:00Z", development("late", "REPORT", Occurrence.inMonth("2025-12")));
        append("2026-01-07T09:00:00Z", developmentCorrected(NID, "move-late", "late")
                .movingTo(Occurrence.onDay("2026-01-08")).because("it was in January"));
        append("2026-01-07T10:00:00Z", developmentRetracted(NID, "drop-claim-b", "claim-b"));
        // A document: v1 then v2; a status report newer than v2.
        append("2026-01-07T10:30:00Z", documentCreated(NID, "plan"));
        append("2026-01-07T11:00:00Z", provisions(versionAdded(NID, "plan", 1).occurred(Occurrence.onDay("2026-01-03")),
                "OPEN", false));
        append("2026-01-07T12:00:00Z", provisions(versionAdded(NID, "plan", 2).occurred(Occurrence.onDay("2026-01-05")),
                "DISPUTED", true));
        append("2026-01-07T13:00:00Z", provisionStatus(NID, "plan", "p1", "AGREED").by("actor-1")
                .occurred(Occurrence.onDay("2026-01-06")));

        TimelineEventsTopic topic = new TimelineEventsTopic(NegotiationHistory.TOPIC);
        StateFold fold = new StateFold(NID, records.stream().map(topic::read).toList(), ViewDatabase.objectMapper());
        Logging.quiet();
        try (ViewDatabase views = ViewDatabase.build(records)) {
            StateQueries lookup = new StateQueries(views.jdbc(), views.json());
            Instant now = t("2026-02-01T00:00:00Z");

            StateAnswer jan3 = answer(fold, lookup, t("2026-01-03T23:59:59.999999Z"), now);
            assertThat(jan3.uncertain()).containsExactly("weekend");
            assertThat(jan3.developments()).containsExactly("claim-a", "supports");
            assertThat(jan3.positions()).isEqualTo(Map.of("actor-0|question-1", "supports:SUPPORTS"));
            assertThat(jan3.documents()).containsExactly("plan v1: p1=OPEN p2=OPEN");

            StateAnswer jan5 = answer(fold, lookup, t("2026-01-05T23:59:59.999999Z"), now);
            assertThat(jan5.developments()).containsExactly("rejects", "weekend", "claim-a", "supports");
            assertThat(jan5.uncertain()).isEmpty();
            assertThat(jan5.positions()).isEqualTo(Map.of("actor-0|question-1", "rejects:REJECTS"));
            assertThat(jan5.documents()).containsExactly("plan v2: p1=DISPUTED p2=DISPUTED");
            assertThat(answer(fold, lookup, t("2026-01-06T23:59:59.999999Z"), now).documents())
                    .containsExactly("plan v2: p1=AGREED(reported) p2=DISPUTED");

            // Claims side by side, as known before the retraction; one value after it.
            Instant beforeRetraction = t("2026-01-07T09:30:00Z");
            assertThat(answer(fold, lookup, t("2026-01-05T00:00:00Z"), beforeRetraction).claims())
                    .isEqualTo(Map.of("troops.count", List.of("claim-a=15000", "claim-b=30000")));
            assertThat(answer(fold, lookup, t("2026-01-05T00:00:00Z"), now).claims())
                    .isEqualTo(Map.of("troops.count", List.of("claim-a=15000")));

            // The late arrival: absent before it was recorded, in December from then, moved by the correction.
            Instant endOfDecember = t("2025-12-31T23:59:59.999999Z");
            assertThat(answer(fold, lookup, endOfDecember, t("2026-01-06T08:00:00Z")).developments()).isEmpty();
            assertThat(answer(fold, lookup, endOfDecember, t("2026-01-06T09:00:00Z")).developments()).containsExactly("late");
            assertThat(answer(fold, lookup, endOfDecember, now).developments()).isEmpty();
            assertThat(answer(fold, lookup, t("2026-01-09T00:00:00Z"), now).developments()).first().isEqualTo("late");
        }
    }

    private static StateAnswer answer(StateFold fold, StateQueries lookup, Instant at, Instant knownAt) {
        StateAnswer folded = StateAnswer.of(fold.state(at, knownAt, 50, 0));
        assertThat(StateAnswer.of(lookup.state(NID, at, knownAt, 50, 0))).as("the lookup at %s as known at %s", at, knownAt)
                .isEqualTo(folded);
        return folded;
    }

    /** The event, next in the stream, recorded at {@code recordedAt}. */
    private void append(String recordedAt, Event<?> event) {
        long sequence = records.size();
        records.add(event.atSequence(sequence).recordedAt(recordedAt).toConsumerRecord(NegotiationHistory.TOPIC, 0, sequence));
    }

    private static DevelopmentRecorded development(String eventId, String type, Occurrence occurred) {
        return developmentRecorded(NID, eventId).ofType(type).occurred(occurred).withActor("actor-0", "PARTICIPANT");
    }

    private static DevelopmentRecorded position(String eventId, Occurrence occurred, String stance) {
        return development(eventId, "POSITION", occurred).holding("actor-0", stance, "question-1");
    }

    /** Provisions p1 and p2 at {@code status}: added, or amended from the version before. */
    private static VersionAdded provisions(VersionAdded version, String status, boolean amended) {
        for (String id : List.of("p1", "p2")) {
            version.provision(id, id.substring(1), "text of " + id, status, List.of(), List.of());
            if (amended) {
                version.change(id, "AMENDED", "plan/" + id);
            } else {
                version.change(id, "ADDED");
            }
        }
        return version;
    }

    private static Instant t(String instant) {
        return Instant.parse(instant);
    }
}
