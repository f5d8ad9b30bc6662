package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.documentCreated;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.provisionStatus;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.versionAdded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plan in two versions and a framework derived from it:
 * <pre>
 * plan@1:  p1 ceasefire · p2 sanctions · p3 elections · p4 prisoners
 * plan@2:  p1 amended · p3 renumbered 3→2 · "relief" merges p2+p4 (3)
 * framework@1: "truce" from plan/p1 · "relief-eu" and "relief-us" split from plan/relief
 * </pre>
 * The changes are given as timeline-service computes them for consecutive versions; compare
 * works out any other pair by following lineage.
 */
class DocumentsTest extends ProjectionServiceTestBase {

    private static final String NID = "documents";

    @BeforeAll
    static void publishTheDrafts() {
        topic.publish(negotiationStarted(NID).atSequence(0));
        topic.publish(documentCreated(NID, "plan").atSequence(1));
        topic.publish(versionAdded(NID, "plan", 1)
                .provision("p1", "1", "A ceasefire along the line of contact.")
                .provision("p2", "2", "Sanctions are lifted in stages.")
                .provision("p3", "3", "Elections are held within 100 days.")
                .provision("p4", "4", "Prisoners are exchanged all for all.")
                .change("p1", "ADDED").change("p2", "ADDED").change("p3", "ADDED").change("p4", "ADDED")
                .atSequence(2));
        topic.publish(versionAdded(NID, "plan", 2)
                .provision("p1", "1", "A ceasefire along the current line of contact.")
                .provision("p3", "2", "Elections are held within 100 days.")
                .provision("relief", "3", "Sanctions relief and a prisoner exchange.", "p2", "p4")
                .change("p1", "AMENDED", "plan/p1").change("p3", "RENUMBERED", "plan/p3")
                .change("relief", "MERGED", "plan/p2", "plan/p4")
                .atSequence(3));
        topic.publish(documentCreated(NID, "framework").atSequence(4));
        topic.publish(versionAdded(NID, "framework", 1)
                .provision("truce", "1", "A ceasefire along the current line of contact.", "plan/p1")
                .provision("relief-eu", "2", "EU sanctions relief.", "plan/relief")
                .provision("relief-us", "3", "US sanctions relief.", "plan/relief")
                .change("truce", "UNCHANGED", "plan/p1").change("relief-eu", "SPLIT", "plan/relief")
                .change("relief-us", "SPLIT", "plan/relief")
                .atSequence(5));
        topic.publish(provisionStatus(NID, "plan", "p1", "OPEN").by("zelensky").atSequence(6));
        topic.publish(provisionStatus(NID, "plan", "p1", "AGREED").atSequence(7));
    }

    private void awaitTheDrafts() {
        eventually(() -> assertThat(api.get("/api/provisions/plan/p1/history").json().path("statusChanges").size()).isEqualTo(2));
    }

    @Test
    void versions_are_listed_and_served_whole() {
        awaitTheDrafts();

        JsonNode versions = api.get("/api/documents/plan/versions").ok();
        assertThat(versions.findValuesAsText("label")).containsExactly("plan v1", "plan v2");
        assertThat(versions.get(1).get("provisionCount").asInt()).isEqualTo(3);
        JsonNode second = api.get("/api/documents/plan/versions/2").ok();
        assertThat(second.path("provisions").findValuesAsText("id")).containsExactly("p1", "p3", "relief");
        assertThat(second.path("changes").findValuesAsText("change")).containsExactly("AMENDED", "RENUMBERED", "MERGED");
        assertThat(api.get("/api/documents/plan/versions/9").status()).isEqualTo(404);
        assertThat(api.get("/api/documents/nothing/versions").status()).isEqualTo(404);
    }

    @Test
    void consecutive_versions_compare_with_a_word_diff_for_the_amendment() {
        awaitTheDrafts();

        JsonNode rows = api.get("/api/compare?from=plan@1&to=plan@2").ok();

        assertThat(changes(rows)).containsExactly("AMENDED p1>p1", "RENUMBERED p3>p3", "MERGED p2>relief", "MERGED p4>relief");
        JsonNode amended = rows.get(0);
        assertThat(amended.at("/from/text").asText()).isEqualTo("A ceasefire along the line of contact.");
        assertThat(amended.at("/textDiff/1/op").asText()).isEqualTo("insert");
        assertThat(amended.at("/textDiff/1/text").asText()).isEqualTo("current");
        assertThat(rows.get(1).at("/from/number").asText()).isEqualTo("3");
        assertThat(rows.get(1).at("/to/number").asText()).isEqualTo("2");
    }

    @Test
    void versions_of_two_documents_compare_through_lineage() {
        awaitTheDrafts();

        assertThat(changes(api.get("/api/compare?from=plan@2&to=framework@1").ok()))
                .containsExactly("UNCHANGED p1>truce", "SPLIT relief>relief-eu", "SPLIT relief>relief-us", "REMOVED p3>");
        // Two steps back, the relief provisions come from both p2 and p4.
        assertThat(changes(api.get("/api/compare?from=plan@1&to=framework@1").ok()))
                .containsExactly("AMENDED p1>truce", "MERGED p2>relief-eu", "MERGED p4>relief-eu",
                        "MERGED p2>relief-us", "MERGED p4>relief-us", "REMOVED p3>");
    }

    @Test
    void a_provision_history_shows_every_version_its_statuses_and_its_lineage_both_ways() {
        awaitTheDrafts();

        JsonNode history = api.get("/api/provisions/plan/p1/history").ok();
        assertThat(history.path("appearances").findValuesAsText("version")).containsExactly("1", "2");
        assertThat(history.path("appearances").get(1).get("change").asText()).isEqualTo("AMENDED");
        assertThat(history.path("appearances").get(1).get("text").asText()).contains("current");
        assertThat(history.path("statusChanges").findValuesAsText("status")).containsExactly("OPEN", "AGREED");
        assertThat(history.path("statusChanges").get(0).get("by").asText()).isEqualTo("zelensky");
        assertThat(history.at("/lineage/forward").toString()).isEqualTo("[\"framework/truce\"]");
        assertThat(history.at("/lineage/backward").size()).isZero();

        JsonNode split = api.get("/api/provisions/framework/relief-us/history").ok();
        assertThat(split.at("/lineage/backward").toString()).isEqualTo("[\"plan/relief\",\"plan/p2\",\"plan/p4\"]");
        assertThat(api.get("/api/provisions/plan/nothing/history").status()).isEqualTo(404);
    }

    @Test
    void a_bad_version_reference_is_a_problem_naming_it() {
        JsonNode problem = api.get("/api/compare?from=plan-1&to=plan@2").json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("from");
    }

    /** "KIND fromId>toId" per row. */
    private static List<String> changes(JsonNode rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get("change").asText() + " " + r.at("/from/id").asText() + ">" + r.at("/to/id").asText()));
        return out;
    }
}
