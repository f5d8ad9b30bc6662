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

    /**
     * Read-your-writes through both packaged services: each write is read at once, by following its
     * Location (an absolute URL of projection-service naming the write's position) or by naming the
     * position in {@code waitFor}; never a 404, never a view without the write.
     */
    @Test
    void aWriteReadAtOnceWithItsPositionIsAlwaysThere() {
        String nid = "read-your-writes";
        Reply started = system.writer().post("/api/negotiations",
                "{\"id\": \"" + nid + "\", \"title\": \"Read your writes\"}").expectStatus(201);
        assertThat(started.header("Negotiation-Position")).hasValue(nid + ":0");
        Reply negotiation = system.follow(started.header("Location").orElseThrow()).expectStatus(200);
        assertThat(negotiation.json().path("id").asText()).isEqualTo(nid);

        for (int i = 1; i <= 20; i++) {
            Reply written = system.attemptToRecord(development().report().in(nid).withEventId("written-" + i)
                    .occurred("2026-01-0" + (1 + i % 9)).titled("Report " + i).reportedBy("Reuters")).expectStatus(201);
            String position = written.header("Negotiation-Position").orElseThrow();
            assertThat(position).isEqualTo(nid + ":" + i);

            String location = written.header("Location").orElseThrow();
            assertThat(location).isEqualTo(system.projectionService().uri("/api/events/written-" + i) + "?waitFor=" + position);
            Reply event = system.follow(location).expectStatus(200);
            assertThat(event.json().toString()).contains("written-" + i);

            Reply timeline = system.get("/api/negotiations/" + nid + "/timeline?waitFor=" + position).expectStatus(200);
            assertThat(timeline.json().findValuesAsText("eventId")).hasSize(i).contains("written-" + i);
        }
    }

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

    /** Every part of the state query's SQL (paged developments, the uncertain window, claim, position and document lookups). */
    @Test
    void theStateOfTheDealAtADateIsReadFromEveryStateView() {
        String nid = "state-e2e";
        system.startNegotiation(nid, "State");
        system.registerActor(nid, "kyiv-e2e", "Ukraine", "STATE");
        system.write("/api/negotiations/state-e2e/events", """
                {"eventId": "state-e2e-talks", "type": "MEETING", "occurred": {"value": "2026-01-05"}, "title": "Talks",
                 "sources": [{"outlet": "Reuters"}], "claims": [{"subject": "force.troops", "value": 30000}]}""");
        system.write("/api/negotiations/state-e2e/events", """
                {"eventId": "state-e2e-stance", "type": "POSITION", "occurred": {"value": "2026-01-04"}, "title": "Stance",
                 "position": {"holder": "kyiv-e2e", "stance": "DEMANDS", "on": "security-guarantees"},
                 "sources": [{"outlet": "AP"}], "claims": [{"subject": "force.troops", "value": 20000}]}""");
        system.write("/api/negotiations/state-e2e/events", """
                {"eventId": "state-e2e-month", "type": "REPORT", "occurred": {"value": "2026-01"}, "title": "This month",
                 "sources": [{"outlet": "AP"}]}""");
        system.write("/api/events/state-e2e-talks/corrections", """
                {"set": {"claims": [{"subject": "force.troops", "value": 25000}]}, "reason": "a later count",
                 "sources": [{"outlet": "Reuters"}]}""");
        system.write("/api/negotiations/state-e2e/documents", """
                {"id": "state-e2e-plan", "title": "Plan", "kind": "PLAN"}""");
        system.write("/api/documents/state-e2e-plan/versions", """
                {"label": "v1", "occurred": {"value": "2026-01-02"}, "status": "DRAFT",
                 "provisions": [{"id": "p1", "number": "1", "text": "A ceasefire.", "status": "PROPOSED"}],
                 "sources": [{"outlet": "RFE/RL"}]}""");
        system.write("/api/documents/state-e2e-plan/provisions/p1/status", """
                {"status": "AGREED", "by": "kyiv-e2e", "occurred": {"value": "2026-01-06"}, "sources": [{"outlet": "RFE/RL"}]}""");

        // The status is the negotiation's last event: once it shows, everything before it is projected.
        JsonNode state = system.eventually().alias("state-e2e projected")
                .until(() -> system.get("/api/negotiations/state-e2e/state?at=2026-01-07&limit=1").expectStatus(200).json(),
                        s -> "AGREED".equals(s.at("/documents/0/provisions/0/status").asText()));
        assertThat(eventIds(elements(state.get("developments")))).as("latest first, one per page").containsExactly("state-e2e-talks");
        assertThat(state.at("/page/hasMore").asBoolean()).isTrue();
        assertThat(eventIds(elements(state.get("uncertain")))).containsExactly("state-e2e-month");
        assertThat(state.at("/claims/0/subject").asText()).isEqualTo("force.troops");
        assertThat(state.at("/claims/0/values").findValuesAsText("eventId")).as("oldest first")
                .containsExactly("state-e2e-stance", "state-e2e-talks");
        assertThat(state.at("/claims/0/values/1/value").asInt()).as("as corrected").isEqualTo(25000);
        assertThat(state.at("/positions/0/holder").asText()).isEqualTo("kyiv-e2e");
        assertThat(state.at("/positions/0/eventId").asText()).isEqualTo("state-e2e-stance");
        assertThat(state.at("/documents/0/provisions/0/statusBy").asText()).isEqualTo("kyiv-e2e");

        JsonNode next = system.get("/api/negotiations/state-e2e/state?at=2026-01-07&limit=1&offset=1").expectStatus(200).json();
        assertThat(eventIds(elements(next.get("developments")))).containsExactly("state-e2e-stance");
        assertThat(next.at("/page/hasMore").asBoolean(true)).isFalse();
        JsonNode before = system.get("/api/negotiations/state-e2e/state?at=2026-01-05T12:00:00Z").expectStatus(200).json();
        assertThat(before.at("/documents/0/provisions/0/status").asText()).as("not reported yet").isEqualTo("PROPOSED");
        assertThat(eventIds(elements(before.get("uncertain")))).containsExactly("state-e2e-month", "state-e2e-talks");
    }

    static List<JsonNode> elements(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).toList();
    }
}
