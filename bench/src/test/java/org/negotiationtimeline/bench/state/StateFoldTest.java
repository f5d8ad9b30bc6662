package org.negotiationtimeline.bench.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.consuming.TimelineEventsTopic;
import org.negotiationtimeline.projection.state.StateQueries;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fold on a small history written by hand, one rule of docs/queries.md per assertion, so that
 * it is right on its own and not only equal to the lookup; the lookup is asked the same.
 */
class StateFoldTest {

    private static final String NID = "hand-written";
    private static final LocalDate JAN_3 = LocalDate.parse("2026-01-03");

    private final PublishedEvents events = new PublishedEvents(NID, 1);

    @Test
    void each_rule_on_a_small_history() {
        events.negotiationStarted(t("2026-01-01T08:00:00Z"), "Hand-written talks");
        // The weekend, Jan 3–4: uncertain on Jan 3, happened by the end of Jan 4.
        events.developmentRecorded(t("2026-01-05T09:00:00Z"), development("weekend", "MEETING",
                Occurred.betweenDays(JAN_3, JAN_3.plusDays(1))).put("title", "Talks over the weekend"));
        // A position, later replaced by the same holder's on the same question.
        events.developmentRecorded(t("2026-01-05T10:00:00Z"), position("supports", Occurred.onDay(JAN_3), "SUPPORTS"));
        events.developmentRecorded(t("2026-01-05T11:00:00Z"), position("rejects", Occurred.onDay(JAN_3.plusDays(2)), "REJECTS"));
        // Two sources' claims on one subject, side by side.
        ObjectNode first = development("claim-a", "REPORT", Occurred.onDay(JAN_3));
        first.set("claims", claims("troops.count", 15_000));
        events.developmentRecorded(t("2026-01-05T12:00:00Z"), first);
        ObjectNode second = development("claim-b", "REPORT", Occurred.atMinute(t("2026-01-04T10:15:00Z")));
        second.set("claims", claims("troops.count", 30_000));
        events.developmentRecorded(t("2026-01-05T13:00:00Z"), second);
        // A late arrival about last month, and a correction moving it, and a retraction of another.
        events.developmentRecorded(t("2026-01-06T09:00:00Z"), development("late", "REPORT",
                Occurred.inMonth(YearMonth.parse("2025-12"))));
        ObjectNode moved = PublishedEvents.object();
        Occurred.onDay(JAN_3.plusDays(5)).writeTo(moved.putObject("occurred"));
        events.developmentCorrected(t("2026-01-07T09:00:00Z"), "move-late", "late", moved, "it was in January");
        events.developmentRetracted(t("2026-01-07T10:00:00Z"), "drop-claim-b", "claim-b", "it did not happen");
        // A document: v1 then v2; a status report newer than v2.
        events.documentCreated(t("2026-01-07T10:30:00Z"), "plan", "A plan", "PLAN");
        events.versionAdded(t("2026-01-07T11:00:00Z"), "plan", 1, Occurred.onDay(JAN_3), "DRAFT", provisions("OPEN"), added());
        events.versionAdded(t("2026-01-07T12:00:00Z"), "plan", 2, Occurred.onDay(JAN_3.plusDays(2)), "DRAFT",
                provisions("DISPUTED"), amended());
        events.provisionStatusChanged(t("2026-01-07T13:00:00Z"), "plan", "p1", "AGREED", "actor-1",
                Occurred.onDay(JAN_3.plusDays(3)));

        TimelineEventsTopic topic = new TimelineEventsTopic(PublishedEvents.TOPIC);
        StateFold fold = new StateFold(NID, events.records().stream().map(topic::read).toList(), ViewDatabase.objectMapper());
        Logging.quiet();
        try (ViewDatabase views = ViewDatabase.build(events.records())) {
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

    private static ObjectNode development(String eventId, String type, Occurred occurred) {
        ObjectNode d = PublishedEvents.object().put("eventId", eventId).put("type", type);
        occurred.writeTo(d.putObject("occurred"));
        d.put("title", eventId);
        d.putArray("actors").addObject().put("id", "actor-0").put("role", "PARTICIPANT");
        d.putArray("topics");
        d.set("sources", PublishedEvents.sources("Reuters", t("2026-01-05T00:00:00Z")));
        d.putArray("claims");
        return d;
    }

    private static ObjectNode position(String eventId, Occurred occurred, String stance) {
        ObjectNode d = development(eventId, "POSITION", occurred);
        d.putObject("position").put("holder", "actor-0").put("stance", stance).put("on", "question-1");
        return d;
    }

    private static ArrayNode claims(String subject, int value) {
        ArrayNode claims = PublishedEvents.array();
        claims.addObject().put("subject", subject).put("value", value);
        return claims;
    }

    private static ArrayNode provisions(String status) {
        ArrayNode provisions = PublishedEvents.array();
        for (String id : List.of("p1", "p2")) {
            ObjectNode p = provisions.addObject().put("id", id).put("number", id.substring(1)).put("text", "text of " + id);
            p.putArray("topics");
            p.put("status", status);
            p.putArray("derivedFrom");
        }
        return provisions;
    }

    private static ArrayNode added() {
        ArrayNode changes = PublishedEvents.array();
        for (String id : List.of("p1", "p2")) {
            changes.addObject().put("provision", id).put("change", "ADDED").putArray("from");
        }
        return changes;
    }

    private static ArrayNode amended() {
        ArrayNode changes = PublishedEvents.array();
        for (String id : List.of("p1", "p2")) {
            changes.addObject().put("provision", id).put("change", "AMENDED").putArray("from").add("plan/" + id);
        }
        return changes;
    }

    private static Instant t(String instant) {
        return Instant.parse(instant);
    }
}
