package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.documentCreated;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.provisionStatus;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.versionAdded;
import static org.negotiationtimeline.projection.fixture.Occurrence.betweenDays;
import static org.negotiationtimeline.projection.fixture.Occurrence.inMonth;
import static org.negotiationtimeline.projection.fixture.Occurrence.onDay;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentCorrected;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRetracted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of "state at X, as known at Y", one example each (docs/queries.md). */
class StateTest extends ProjectionServiceTestBase {

    private JsonNode state(String nid, String at, String knownAt) {
        return api.get("/api/negotiations/" + nid + "/state?at=" + at + (knownAt == null ? "" : "&knownAt=" + knownAt)).ok();
    }

    private static List<String> ids(JsonNode developments) {
        List<String> ids = new ArrayList<>();
        developments.forEach(d -> ids.add(d.get("eventId").asText()));
        return ids;
    }

    @Test
    void a_development_counts_by_x_only_when_its_latest_is_by_x_and_straddling_ones_are_uncertain() {
        String nid = "state-inclusion";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(developmentRecorded(nid, "jan-5").occurred(onDay("2026-01-05")).atSequence(1));
        topic.publish(developmentRecorded(nid, "weekend").occurred(betweenDays("2026-01-03", "2026-01-04")).atSequence(2));
        topic.publish(developmentRecorded(nid, "january").occurred(inMonth("2026-01")).atSequence(3));
        eventually(() -> assertThat(ids(state(nid, "2026-02-01", null).get("developments"))).hasSize(3));

        JsonNode onTheFourth = state(nid, "2026-01-04", null);
        assertThat(ids(onTheFourth.get("developments"))).containsExactly("weekend");
        assertThat(ids(onTheFourth.get("uncertain"))).containsExactly("january");
        // A date means the end of that day, inclusive: the 5th counts on the 5th.
        assertThat(ids(state(nid, "2026-01-05", null).get("developments"))).containsExactly("jan-5", "weekend");
        assertThat(ids(state(nid, "2026-01-05T12:00:00Z", null).get("uncertain"))).containsExactly("january", "jan-5");
        assertThat(ids(state(nid, "2026-02-01", null).get("developments"))).as("latest first")
                .containsExactly("january", "jan-5", "weekend");
    }

    @Test
    void a_correction_changes_what_was_known_not_the_past() {
        // Recorded on day 1, about day 5; corrected on day 10 to day 3.
        String nid = "state-correction";
        topic.publish(negotiationStarted(nid).recordedAt("2026-01-01T00:00:00Z").atSequence(0));
        topic.publish(developmentRecorded(nid, "talks").occurred(onDay("2026-01-05"))
                .recordedAt("2026-01-01T08:00:00Z").atSequence(1));
        topic.publish(developmentCorrected(nid, "fix", "talks").movingTo(onDay("2026-01-03"))
                .recordedAt("2026-01-10T08:00:00Z").atSequence(2));
        eventually(() -> assertThat(ids(state(nid, "2026-01-04", null).get("developments"))).containsExactly("talks"));

        assertThat(ids(state(nid, "2026-01-04", "2026-01-09").get("developments"))).isEmpty();
        assertThat(ids(state(nid, "2026-01-04", "2026-01-10").get("developments"))).containsExactly("talks");
        assertThat(ids(state(nid, "2026-01-05", "2026-01-09").get("developments"))).containsExactly("talks");
        assertThat(ids(state(nid, "2026-01-05", "2025-12-31").get("developments"))).as("not yet recorded").isEmpty();
    }

    @Test
    void a_retraction_removes_the_development_from_what_is_known_after_it() {
        String nid = "state-retraction";
        topic.publish(negotiationStarted(nid).recordedAt("2026-01-01T00:00:00Z").atSequence(0));
        topic.publish(developmentRecorded(nid, "rumour").occurred(onDay("2026-01-02"))
                .recordedAt("2026-01-02T08:00:00Z").atSequence(1));
        topic.publish(developmentRetracted(nid, "withdrawn", "rumour").recordedAt("2026-01-08T08:00:00Z").atSequence(2));
        // Waits for the retraction too (known now, it is gone): what was known before it holds before it is applied.
        eventually(() -> {
            assertThat(ids(state(nid, "2026-01-03", "2026-01-07").get("developments"))).containsExactly("rumour");
            assertThat(ids(state(nid, "2026-01-03", null).get("developments"))).isEmpty();
        });

        assertThat(ids(state(nid, "2026-01-03", "2026-01-08").get("developments"))).isEmpty();
    }

    @Test
    void a_late_report_lands_in_its_place_in_history_from_when_it_was_recorded() {
        String nid = "state-late";
        topic.publish(negotiationStarted(nid).recordedAt("2026-01-01T00:00:00Z").atSequence(0));
        topic.publish(developmentRecorded(nid, "recent").occurred(onDay("2026-01-09")).recordedAt("2026-01-09T12:00:00Z").atSequence(1));
        topic.publish(developmentRecorded(nid, "last-month").occurred(onDay("2025-12-15")).recordedAt("2026-01-10T12:00:00Z").atSequence(2));
        eventually(() -> assertThat(ids(state(nid, "2025-12-31", null).get("developments"))).containsExactly("last-month"));

        assertThat(ids(state(nid, "2025-12-31", "2026-01-09").get("developments"))).isEmpty();
        assertThat(ids(state(nid, "2026-01-20", null).get("developments"))).containsExactly("recent", "last-month");
    }

    @Test
    void conflicting_claims_are_shown_side_by_side_with_their_sources() {
        String nid = "state-claims";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(developmentRecorded(nid, "report-a").ofType("REPORT").occurred(onDay("2026-01-06"))
                .reportedBy(source("unnamed publisher").via("Radio Free Europe/Radio Liberty"))
                .claiming("reassurance-force.troops", Map.of("min", 15000, "max", 30000)).atSequence(1));
        topic.publish(developmentRecorded(nid, "report-b").ofType("REPORT").occurred(betweenDays("2026-01-05", "2026-01-06"))
                .reportedBy(source("RFE/RL")).claiming("reassurance-force.troops", Map.of("min", 15000, "max", 20000))
                .atSequence(2));
        eventually(() -> assertThat(state(nid, "2026-01-07", null).get("claims")).hasSize(1));

        JsonNode values = state(nid, "2026-01-07", null).at("/claims/0/values");
        assertThat(values).hasSize(2);
        assertThat(values.findValuesAsText("eventId")).containsExactlyInAnyOrder("report-a", "report-b");
        assertThat(values.findValues("max").stream().map(JsonNode::asInt).toList()).containsExactlyInAnyOrder(30000, 20000);
        assertThat(values.findValuesAsText("outlet")).contains("unnamed publisher", "RFE/RL");
        assertThat(state(nid, "2026-01-05", null).get("claims")).as("neither had happened by then").isEmpty();
    }

    @Test
    void the_version_on_the_table_and_each_provisions_status_follow_the_dates() {
        String nid = "state-documents";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(documentCreated(nid, "state-plan").atSequence(1));
        topic.publish(versionAdded(nid, "state-plan", 1).occurred(inMonth("2025-11"))
                .provision("donbas", "1", "Donbas is ceded.").change("donbas", "ADDED").atSequence(2));
        topic.publish(versionAdded(nid, "state-plan", 2).occurred(onDay("2025-12-20"))
                .provision("donbas", "1", "The line of contact is frozen.").change("donbas", "AMENDED", "state-plan/donbas")
                .atSequence(3));
        topic.publish(provisionStatus(nid, "state-plan", "donbas", "OPEN").by("zelensky").atSequence(4));
        eventually(() -> assertThat(state(nid, "2026-01-07", null).get("documents")).hasSize(1));

        assertThat(state(nid, "2025-10-31", null).get("documents")).as("no version yet").isEmpty();
        JsonNode december = state(nid, "2025-12-01", null).at("/documents/0");
        assertThat(december.get("version").asInt()).isEqualTo(1);
        assertThat(december.at("/provisions/0/text").asText()).isEqualTo("Donbas is ceded.");
        JsonNode january = state(nid, "2026-01-07", null).at("/documents/0");
        assertThat(january.get("version").asInt()).isEqualTo(2);
        assertThat(january.at("/provisions/0/status").asText()).as("reported on 2026-01-06").isEqualTo("OPEN");
        assertThat(january.at("/provisions/0/statusBy").asText()).isEqualTo("zelensky");
        assertThat(state(nid, "2026-01-05", null).at("/documents/0/provisions/0").has("statusBy")).isFalse();
    }

    @Test
    void bad_times_and_pages_are_problems() {
        assertThat(api.get("/api/negotiations/state-inclusion/state?at=yesterday").json().at("/errors/0/field").asText()).isEqualTo("at");
        assertThat(api.get("/api/negotiations/state-inclusion/state?limit=0").json().at("/errors/0/field").asText()).isEqualTo("limit");
        assertThat(api.get("/api/negotiations/nowhere/state").status()).isEqualTo(404);
    }
}
