package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.systemtests.Development.development;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.negotiationtimeline.systemtests.TimelineSystem.Recorded;

/**
 * What every storage variant must do, end to end: one system (both services as processes) per
 * test class, started once; each test works in a negotiation of its own. Subclasses choose the
 * storage and add their own checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndScenarios {

    static final String UKRAINE = "ukraine-peace-2025";

    protected TimelineSystem system;

    /** The storage both services run on; owned by the system from then on. */
    protected abstract Storage storage();

    @BeforeAll
    void startTheSystem() {
        system = TimelineSystem.start(getClass().getSimpleName(), storage());
    }

    @AfterAll
    void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (system != null) {
                System.out.println("[system-tests] " + context.getDisplayName() + " failed; the services' last log lines:\n"
                        + system.logTails());
            }
        }
    };

    @Test
    void aRecordedDevelopmentAppearsInTheProjectedTimelineWithItsOccurredBoundsDerived() {
        system.startNegotiation(UKRAINE, "Ending Russia's war on Ukraine");
        system.registerActor(UKRAINE, "france", "France", "STATE");
        system.registerActor(UKRAINE, "ukraine", "Ukraine", "STATE");
        system.registerActor(UKRAINE, "united-kingdom", "United Kingdom", "STATE");

        Recorded paris = system.record(development().meeting().in(UKRAINE)
                .occurred("2026-01-06").zone("Europe/Paris")
                .titled("Coalition of the Willing meets in Paris")
                .summarised("Leaders discuss a draft joint statement on security guarantees.")
                .with("france", "ukraine", "united-kingdom")
                .about("security-guarantees")
                .reportedBy("Reuters"));
        Recorded weekend = system.record(development().meeting().in(UKRAINE)
                .occurred("2026-01-03/2026-01-04").described("the weekend")
                .titled("National security advisers meet in Kyiv")
                .reportedBy("Associated Press"));

        assertThat(paris.eventId()).as("an id chosen by the server").isNotBlank();
        assertThat(paris.sequence()).as("a position after the negotiation's start").isPositive();
        assertThat(weekend.sequence()).as("the next position in the negotiation's stream").isEqualTo(paris.sequence() + 1);

        JsonNode parisItem = system.awaitInTimeline(UKRAINE, paris.eventId());
        assertThat(parisItem.path("type").asText()).isEqualTo("MEETING");
        assertThat(parisItem.path("title").asText()).isEqualTo("Coalition of the Willing meets in Paris");
        assertThat(parisItem.at("/occurred/value").asText()).isEqualTo("2026-01-06");
        assertThat(instant(parisItem, "/occurred/earliest")).isEqualTo(Instant.parse("2026-01-05T23:00:00Z"));
        assertThat(instant(parisItem, "/occurred/latest")).isEqualTo(Instant.parse("2026-01-06T22:59:59.999999Z"));
        assertThat(parisItem.at("/occurred/precision").asText()).isEqualTo("DAY");
        assertThat(instant(parisItem, "/recordedAt")).isBeforeOrEqualTo(Instant.now());
        assertThat(parisItem.path("actors").findValuesAsText("id")).containsExactly("france", "ukraine", "united-kingdom");
        assertThat(texts(parisItem.path("topics"))).containsExactly("security-guarantees");
        assertThat(parisItem.path("sources").findValuesAsText("outlet")).containsExactly("Reuters");
        assertThat(parisItem.path("corrected").asBoolean(true)).isFalse();
        assertThat(parisItem.path("retracted").asBoolean(true)).isFalse();

        JsonNode weekendItem = system.awaitInTimeline(UKRAINE, weekend.eventId());
        assertThat(weekendItem.at("/occurred/value").asText()).isEqualTo("2026-01-03/2026-01-04");
        assertThat(weekendItem.at("/occurred/text").asText()).isEqualTo("the weekend");
        assertThat(instant(weekendItem, "/occurred/earliest")).isEqualTo(Instant.parse("2026-01-03T00:00:00Z"));
        assertThat(instant(weekendItem, "/occurred/latest")).isEqualTo(Instant.parse("2026-01-04T23:59:59.999999Z"));
        assertThat(weekendItem.at("/occurred/precision").asText()).isEqualTo("INTERVAL");

        assertThat(eventIds(system.timelineOf(UKRAINE)))
                .as("ordered by earliest: the weekend before the Paris meeting")
                .containsExactly(weekend.eventId(), paris.eventId());

        JsonNode listed = system.negotiations().stream()
                .filter(n -> UKRAINE.equals(n.path("id").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(UKRAINE + " is not listed in " + system.negotiations()));
        assertThat(listed.path("title").asText()).isEqualTo("Ending Russia's war on Ukraine");
        assertThat(listed.path("developmentCount").asLong()).isEqualTo(2);
        assertThat(system.negotiation(UKRAINE).path("developmentCount").asLong()).isEqualTo(2);
    }

    static Instant instant(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        assertThat(value.isTextual()).as(pointer + " of " + node).isTrue();
        return Instant.parse(value.asText());
    }

    static List<String> eventIds(List<JsonNode> timeline) {
        return timeline.stream().map(item -> item.path("eventId").asText()).toList();
    }

    static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void aDraftsVersionsAreComparedInTheProjectionWithTheChangesTheCommandSideComputed() {
        system.startNegotiation("drafts-e2e", "Drafts");
        system.write("/api/negotiations/drafts-e2e/documents", """
                {"id": "plan-e2e", "title": "Plan", "kind": "PLAN"}""");
        system.write("/api/documents/plan-e2e/versions", """
                {"label": "v1", "occurred": {"value": "2025-11"}, "status": "DRAFT",
                 "provisions": [{"id": "p1", "number": "1", "text": "A ceasefire along the line of contact."},
                                {"id": "p2", "number": "2", "text": "Sanctions are lifted in stages."},
                                {"id": "p3", "number": "3", "text": "Prisoners are exchanged."}],
                 "sources": [{"outlet": "RFE/RL"}]}""");
        JsonNode second = system.write("/api/documents/plan-e2e/versions", """
                {"label": "v2", "occurred": {"value": "2025-12"}, "status": "SUBJECT_TO_CHANGE", "expectedVersion": 1,
                 "provisions": [{"id": "p1", "number": "1", "text": "A ceasefire along the current line of contact."},
                                {"id": "relief", "number": "2", "text": "Relief and an exchange.", "derivedFrom": ["p2", "p3"]}],
                 "sources": [{"outlet": "RFE/RL"}]}""");
        assertThat(second.path("changes").findValuesAsText("change")).containsExactly("AMENDED", "MERGED");

        JsonNode compared = system.eventually().alias("plan-e2e@2 projected")
                .until(() -> system.get("/api/compare?from=plan-e2e@1&to=plan-e2e@2").expectStatus(200).json(), JsonNode::isArray);
        assertThat(compared.findValuesAsText("change")).containsExactly("AMENDED", "MERGED", "MERGED");
        assertThat(compared.get(0).at("/textDiff/1/text").asText()).isEqualTo("current");
        assertThat(system.get("/api/provisions/plan-e2e/p2/history").expectStatus(200).json()
                .at("/lineage/forward").toString()).isEqualTo("[\"plan-e2e/relief\"]");
    }
}
