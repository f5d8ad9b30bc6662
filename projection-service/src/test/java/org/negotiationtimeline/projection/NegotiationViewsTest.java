package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.Occurrence.atMinute;
import static org.negotiationtimeline.projection.fixture.Occurrence.betweenDays;
import static org.negotiationtimeline.projection.fixture.Occurrence.inMonth;
import static org.negotiationtimeline.projection.fixture.Occurrence.onDay;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.Query.where;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.eventIds;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The negotiation list, one negotiation, and its timeline with every filter the contract names. */
class NegotiationViewsTest extends ProjectionServiceTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A negotiation whose developments are published out of order, for the timeline queries. */
    private static final String TALKS = "ukraine-peace-talks";

    // Ordered by when they occurred (earliest bound):
    private static final String US_PLAN = "us-28-point-plan";           // 2025-11 (month)
    private static final String GENEVA = "geneva-talks";                // 2025-11-23/2025-11-24
    private static final String FRAMEWORK = "twenty-point-framework";   // 2025-12 (month)
    private static final String ADDRESS = "zelensky-address";           // 2026-01-05 (day)
    private static final String LATE_REPORT = "late-report";            // 2026-01-05T23:30Z, recorded two days later
    private static final String SUMMIT = "paris-summit";                // 2026-01-06 (day)
    private static final String DECLARATION = "paris-declaration";      // 2026-01-06T15:45+01:00

    @BeforeAll
    static void publishTalksOutOfOrder() {
        topic.publish(
                negotiationStarted(TALKS).titled("Talks to end the war").recordedAt("2026-01-07T09:00:00Z").atSequence(0),
                developmentRecorded(TALKS, SUMMIT).ofType("MEETING").occurred(onDay("2026-01-06"))
                        .withActor("macron", "HOST").withActor("zelensky", "PARTICIPANT").withActor("witkoff", "PARTICIPANT")
                        .onTopics("reassurance-force", "security-guarantees")
                        .recordedAt("2026-01-07T10:00:00Z").atSequence(1),
                developmentRecorded(TALKS, US_PLAN).ofType("POSITION").occurred(inMonth("2025-11"))
                        .withActor("united-states", "PARTICIPANT").withActor("witkoff", "SPEAKER")
                        .onTopics("territory", "security-guarantees")
                        .recordedAt("2026-01-07T10:15:00Z").atSequence(2),
                developmentRecorded(TALKS, DECLARATION).ofType("STATEMENT").occurred(atMinute("2026-01-06T15:45+01:00"))
                        .withActor("macron", "SPEAKER").withActor("starmer", "SPEAKER")
                        .onTopics("reassurance-force", "ceasefire-monitoring")
                        .recordedAt("2026-01-07T11:00:00Z").atSequence(3),
                developmentRecorded(TALKS, ADDRESS).ofType("STATEMENT").occurred(onDay("2026-01-05"))
                        .withActor("zelensky", "SPEAKER").onTopics("security-guarantees")
                        .recordedAt("2026-01-07T11:30:00Z").atSequence(4),
                developmentRecorded(TALKS, GENEVA).ofType("MEETING").occurred(betweenDays("2025-11-23", "2025-11-24"))
                        .withActor("united-states", "PARTICIPANT").withActor("ukraine", "PARTICIPANT")
                        .onTopics("territory")
                        .recordedAt("2026-01-07T12:00:00Z").atSequence(5),
                developmentRecorded(TALKS, FRAMEWORK).ofType("POSITION").occurred(inMonth("2025-12"))
                        .withActor("ukraine", "PARTICIPANT").withActor("united-states", "PARTICIPANT")
                        .onTopics("security-guarantees", "territory")
                        .recordedAt("2026-01-08T09:00:00Z").atSequence(6),
                developmentRecorded(TALKS, LATE_REPORT).ofType("REPORT").occurred(atMinute("2026-01-05T23:30Z"))
                        .withActor("united-kingdom", "SUBJECT").onTopics("reassurance-force")
                        .recordedAt("2026-01-09T08:00:00Z").atSequence(7));
    }

    @BeforeEach
    void talksAreProjected() {
        eventually(() -> assertThat(api.negotiation(TALKS).path("developmentCount").asLong()).isEqualTo(7));
    }

    @Test
    void a_started_negotiation_and_its_recorded_development_appear_in_the_list_the_negotiation_and_its_timeline() {
        String nid = "ukraine-peace-2025";
        topic.publish(negotiationStarted(nid)
                .titled("Ending Russia's war on Ukraine")
                .describedAs("From the US 28-point plan to the Paris declaration")
                .recordedAt("2025-11-21T08:00:00Z")
                .atSequence(0));

        eventually(() -> assertThat(api.negotiation(nid).path("developmentCount").asLong()).isZero());
        assertThat(api.timeline(nid)).isEmpty();

        topic.publish(developmentRecorded(nid, "paris-summit-2026-01-06")
                .ofType("MEETING")
                .occurred(onDay("2026-01-06").saying("on Tuesday"))
                .titled("Coalition of the Willing meets in Paris")
                .summarised("Leaders sign a declaration on a multinational force for Ukraine.")
                .withActor("macron", "HOST")
                .withActor("zelensky", "PARTICIPANT")
                .onTopics("security-guarantees", "reassurance-force")
                .reportedBy(source("The Guardian").published("2026-01-06T19:30:00Z")
                        .at("https://www.theguardian.com/world/2026/jan/06/paris").ref("guardian-2026-01-06.md"))
                .reportedBy(source("Kyiv Independent").via("Reuters").published("2026-01-06T20:05:00Z"))
                .recordedAt("2026-01-07T10:00:00Z")
                .atSequence(1));

        eventually(() -> assertThat(api.negotiation(nid).path("developmentCount").asLong()).isEqualTo(1));

        JsonNode negotiation = api.negotiation(nid);
        assertThat(negotiation.path("id").asText()).isEqualTo(nid);
        assertThat(negotiation.path("title").asText()).isEqualTo("Ending Russia's war on Ukraine");
        assertThat(negotiation.path("description").asText()).isEqualTo("From the US 28-point plan to the Paris declaration");
        assertThat(instant(negotiation, "startedAt")).isEqualTo("2025-11-21T08:00:00Z");
        assertThat(instant(negotiation, "lastRecordedAt")).isEqualTo("2026-01-07T10:00:00Z");

        JsonNode listed = StreamSupport.stream(api.negotiations().spliterator(), false)
                .filter(n -> nid.equals(n.path("id").asText())).findFirst().orElseThrow();
        assertThat(listed).as("the listed negotiation").isEqualTo(negotiation);

        JsonNode timeline = api.timeline(nid);
        assertThat(timeline).hasSize(1);
        JsonNode item = timeline.get(0);
        assertThat(item.path("eventId").asText()).isEqualTo("paris-summit-2026-01-06");
        assertThat(item.path("type").asText()).isEqualTo("MEETING");
        JsonNode occurred = item.path("occurred");
        assertThat(occurred.path("value").asText()).isEqualTo("2026-01-06");
        assertThat(occurred.path("text").asText()).isEqualTo("on Tuesday");
        assertThat(instant(occurred, "earliest")).isEqualTo("2026-01-06T00:00:00Z");
        assertThat(instant(occurred, "latest")).isEqualTo("2026-01-06T23:59:59.999999Z");
        assertThat(occurred.path("precision").asText()).isEqualTo("DAY");
        assertThat(instant(item, "recordedAt")).isEqualTo("2026-01-07T10:00:00Z");
        assertThat(item.path("title").asText()).isEqualTo("Coalition of the Willing meets in Paris");
        assertThat(item.path("summary").asText()).isEqualTo("Leaders sign a declaration on a multinational force for Ukraine.");
        assertThat(item.path("actors")).isEqualTo(json("""
                [{"id": "macron", "role": "HOST"}, {"id": "zelensky", "role": "PARTICIPANT"}]"""));
        assertThat(item.path("topics")).isEqualTo(json("""
                ["security-guarantees", "reassurance-force"]"""));
        assertThat(item.path("sources")).isEqualTo(json("""
                [{"outlet": "The Guardian", "published": "2026-01-06T19:30:00Z",
                  "url": "https://www.theguardian.com/world/2026/jan/06/paris", "ref": "guardian-2026-01-06.md"},
                 {"outlet": "Kyiv Independent", "via": "Reuters", "published": "2026-01-06T20:05:00Z"}]"""));
        assertThat(item.path("corrected").isBoolean()).as("corrected is a boolean").isTrue();
        assertThat(item.path("corrected").booleanValue()).isFalse();
        assertThat(item.path("retracted").isBoolean()).as("retracted is a boolean").isTrue();
        assertThat(item.path("retracted").booleanValue()).isFalse();
    }

    @Test
    void the_timeline_is_ordered_by_when_developments_may_first_have_happened_not_by_publish_order() {
        assertThat(eventIds(api.timeline(TALKS)))
                .containsExactly(US_PLAN, GENEVA, FRAMEWORK, ADDRESS, LATE_REPORT, SUMMIT, DECLARATION);
    }

    @Test
    void a_date_only_from_means_the_start_of_that_day_in_utc() {
        // ADDRESS ends one microsecond before 2026-01-06T00:00Z; SUMMIT begins exactly then.
        assertThat(eventIds(api.timeline(TALKS, where("from", "2026-01-06")))).containsExactly(SUMMIT, DECLARATION);
    }

    @Test
    void a_date_only_to_means_the_end_of_that_day_in_utc() {
        // LATE_REPORT begins at 23:30 on the 5th; SUMMIT begins one microsecond after the 5th ends.
        assertThat(eventIds(api.timeline(TALKS, where("to", "2026-01-05"))))
                .containsExactly(US_PLAN, GENEVA, FRAMEWORK, ADDRESS, LATE_REPORT);
    }

    @Test
    void from_and_to_keep_whatever_may_have_happened_in_between() {
        // The month of November overlaps the range; Geneva's weekend ends on its first day.
        assertThat(eventIds(api.timeline(TALKS, where("from", "2025-11-24").and("to", "2025-11-30"))))
                .containsExactly(US_PLAN, GENEVA);
        assertThat(eventIds(api.timeline(TALKS, where("from", "2026-01-06T14:45:30Z").and("to", "2026-01-06T14:46:00Z"))))
                .containsExactly(SUMMIT, DECLARATION);
    }

    @Test
    void type_can_be_repeated_to_keep_several_types() {
        assertThat(eventIds(api.timeline(TALKS, where("type", "MEETING").and("type", "STATEMENT"))))
                .containsExactly(GENEVA, ADDRESS, SUMMIT, DECLARATION);
        assertThat(eventIds(api.timeline(TALKS, where("type", "REPORT")))).containsExactly(LATE_REPORT);
        assertThat(eventIds(api.timeline(TALKS, where("type", "SANCTIONS")))).isEmpty();
    }

    @Test
    void actor_keeps_the_developments_that_actor_took_part_in_whatever_the_role() {
        assertThat(eventIds(api.timeline(TALKS, where("actor", "macron")))).containsExactly(SUMMIT, DECLARATION);
        assertThat(eventIds(api.timeline(TALKS, where("actor", "zelensky")))).containsExactly(ADDRESS, SUMMIT);
        assertThat(eventIds(api.timeline(TALKS, where("actor", "putin")))).isEmpty();
    }

    @Test
    void topic_keeps_the_developments_about_that_topic() {
        assertThat(eventIds(api.timeline(TALKS, where("topic", "reassurance-force"))))
                .containsExactly(LATE_REPORT, SUMMIT, DECLARATION);
        assertThat(eventIds(api.timeline(TALKS, where("topic", "ceasefire-monitoring")))).containsExactly(DECLARATION);
    }

    @Test
    void known_at_shows_only_what_had_been_recorded_by_then() {
        assertThat(eventIds(api.timeline(TALKS, where("knownAt", "2026-01-07T10:14:59Z")))).containsExactly(SUMMIT);
        assertThat(eventIds(api.timeline(TALKS, where("knownAt", "2026-01-07T10:15:00Z")))).containsExactly(US_PLAN, SUMMIT);
        // A date-only knownAt is the end of that day: everything recorded on the 7th, nothing later.
        assertThat(eventIds(api.timeline(TALKS, where("knownAt", "2026-01-07"))))
                .containsExactly(US_PLAN, GENEVA, ADDRESS, SUMMIT, DECLARATION);
    }

    @Test
    void filters_combine() {
        assertThat(eventIds(api.timeline(TALKS, where("from", "2026-01-01").and("type", "MEETING").and("actor", "zelensky"))))
                .containsExactly(SUMMIT);
        assertThat(eventIds(api.timeline(TALKS, where("topic", "reassurance-force").and("knownAt", "2026-01-08"))))
                .containsExactly(SUMMIT, DECLARATION);
    }

    private static Instant instant(JsonNode node, String field) {
        assertThat(node.hasNonNull(field)).as("%s has %s", node, field).isTrue();
        return Instant.parse(node.path(field).asText());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
