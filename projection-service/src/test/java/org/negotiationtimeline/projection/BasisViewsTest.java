package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.documentCreated;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.provisionStatus;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.versionAdded;
import static org.negotiationtimeline.projection.fixture.Occurrence.onDay;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentCorrected;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.ProjectionApi.Reply;
import org.negotiationtimeline.projection.fixture.TimelineEvents.Event;

/**
 * {@code basis} and {@code note}: what the recorder inferred is shown as such in every read answer
 * and export, and {@code basis=REPORTED} on the timeline and state leaves it out, so a reader gets
 * only what sources state. The events are published as timeline-service writes them: with the pair
 * only on the items that are INFERRED.
 */
class BasisViewsTest extends ProjectionServiceTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NID = "basis-views";
    private static final String NOTE = "the article says only that the talks came ahead of it, so that they were held is our reading";

    /** The event as published, with {@code change} applied to its JSON payload. */
    private static <E extends Event<E>> E with(E event, Consumer<ObjectNode> change) {
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(event.toRecord("any").value());
            change.accept(payload);
            return event.withRawValue(JSON.writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void inferred(ObjectNode node, String note) {
        node.put("basis", "INFERRED").put("note", note);
    }

    private static boolean published;

    /** Published once for the class (the broker and the views outlive each test). */
    @BeforeEach
    void aNegotiationWithInferences() {
        if (published) {
            return;
        }
        published = true;
        topic.publish(negotiationStarted(NID).atSequence(0));
        topic.publish(with(developmentRecorded(NID, "reported").ofType("POSITION").occurred(onDay("2026-01-05"))
                .claiming("summit.countries", 35).claiming("summit.leaders", 27)
                .holding("ukraine", "PROPOSES", "donbas").atSequence(1),
                p -> inferred((ObjectNode) p.get("claims").get(1), "counted by us from the list")));
        topic.publish(with(developmentRecorded(NID, "inferred").ofType("POSITION").occurred(onDay("2026-01-06"))
                .claiming("summit.countries", 36).holding("ukraine", "REJECTS", "donbas").atSequence(2),
                p -> inferred(p, NOTE)));
        topic.publish(documentCreated(NID, "plan").atSequence(3));
        topic.publish(with(versionAdded(NID, "plan", 1).provision("donbas", null, null).provision("guarantees", null, null)
                .change("donbas", "ADDED").change("guarantees", "ADDED").atSequence(4),
                p -> {
                    inferred((ObjectNode) p.get("provisions").get(1), "guarantees named as an aspect, not a provision");
                    ((ObjectNode) p.get("provisions").get(0)).putArray("sources").addObject().put("outlet", "RFE/RL")
                            .put("via", "Reuters");
                }));
        topic.publish(provisionStatus(NID, "plan", "donbas", "OPEN").occurred(onDay("2026-01-05")).atSequence(5));
        topic.publish(with(provisionStatus(NID, "plan", "donbas", "DISPUTED").occurred(onDay("2026-01-06")).atSequence(6),
                p -> inferred(p, "DISPUTED is our reading of 'dismisses'")));
        eventually(() -> assertThat(api.get("/api/provisions/plan/donbas/history").json().toString()).contains("DISPUTED"));
    }

    private JsonNode timeline(String query) {
        return api.get("/api/negotiations/" + NID + "/timeline" + query).ok();
    }

    private JsonNode state(String query) {
        return api.get("/api/negotiations/" + NID + "/state?at=2026-01-31" + query).ok();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("eventId").asText()));
        return ids;
    }

    @Test
    void the_timeline_shows_each_inference_with_its_note_and_basis_reported_leaves_them_out() {
        JsonNode all = timeline("");
        JsonNode reported = timeline("?basis=REPORTED");

        assertThat(ids(all)).containsExactly("reported", "inferred");
        assertThat(all.get(1).get("basis").asText()).isEqualTo("INFERRED");
        assertThat(all.get(1).get("note").asText()).isEqualTo(NOTE);
        assertThat(all.get(0).has("basis")).as("REPORTED is the default, left out").isFalse();
        assertThat(all.get(0).at("/claims/1/basis").asText()).isEqualTo("INFERRED");
        assertThat(ids(reported)).containsExactly("reported");
        assertThat(reported.get(0).get("claims").findValuesAsText("subject")).containsExactly("summit.countries");
        assertThat(api.get("/api/events/inferred").ok().at("/current/note").asText()).isEqualTo(NOTE);
    }

    @Test
    void basis_takes_only_reported() {
        Reply timeline = api.get("/api/negotiations/" + NID + "/timeline?basis=INFERRED");
        Reply state = api.get("/api/negotiations/" + NID + "/state?basis=reported");

        assertThat(timeline.status()).isEqualTo(400);
        assertThat(timeline.contentType()).startsWith("application/problem+json");
        assertThat(timeline.json().toString()).contains("basis");
        assertThat(state.status()).isEqualTo(400);
    }

    @Test
    void the_state_marks_inferences_and_basis_reported_gives_only_what_sources_state() {
        JsonNode all = state("");
        JsonNode reported = state("&basis=REPORTED");

        assertThat(ids(all.get("developments"))).containsExactly("inferred", "reported");
        assertThat(all.at("/claims").findValues("basis")).extracting(JsonNode::asText).containsExactly("INFERRED");
        assertThat(all.at("/positions/0/stance").asText()).isEqualTo("REJECTS");
        assertThat(all.at("/positions/0/basis").asText()).isEqualTo("INFERRED");
        JsonNode provisions = all.at("/documents/0/provisions");
        assertThat(provisions.get(0).get("status").asText()).isEqualTo("DISPUTED");
        assertThat(provisions.get(0).get("statusBasis").asText()).isEqualTo("INFERRED");
        assertThat(provisions.get(1).get("basis").asText()).isEqualTo("INFERRED");
        assertThat(provisions.get(0).get("sources").findValuesAsText("via")).as("its own sources").containsExactly("Reuters");
        assertThat(provisions.get(1).has("sources")).as("none of its own: the version's").isFalse();

        assertThat(ids(reported.get("developments"))).containsExactly("reported");
        assertThat(reported.get("claims").findValuesAsText("subject")).containsExactly("summit.countries");
        assertThat(reported.get("claims").findValues("value")).extracting(JsonNode::asInt).containsExactly(35);
        assertThat(reported.at("/positions/0/stance").asText()).as("falls back to the reported position").isEqualTo("PROPOSES");
        JsonNode reportedProvisions = reported.at("/documents/0/provisions");
        assertThat(reportedProvisions.findValuesAsText("id")).containsExactly("donbas");
        assertThat(reportedProvisions.get(0).get("status").asText()).as("falls back to the reported status").isEqualTo("OPEN");
        assertThat(reportedProvisions.get(0).has("statusBasis")).isFalse();
    }

    @Test
    void a_provision_with_sources_of_its_own_is_credited_to_them_alone() {
        JsonNode donbas = api.get("/api/provisions/plan/donbas/history").ok().at("/appearances/0/sources");
        JsonNode guarantees = api.get("/api/provisions/plan/guarantees/history").ok().at("/appearances/0/sources");

        assertThat(donbas.findValuesAsText("via")).containsExactly("Reuters");
        assertThat(guarantees.findValuesAsText("outlet")).as("the version's sources").containsExactly("RFE/RL");
        assertThat(guarantees.findValuesAsText("via")).isEmpty();
    }

    @Test
    void documents_compare_and_provision_history_show_the_basis() {
        assertThat(api.get("/api/documents/plan/versions/1").ok().at("/provisions/1/basis").asText()).isEqualTo("INFERRED");
        assertThat(api.get("/api/provisions/plan/guarantees/history").ok().toString()).contains("\"basis\":\"INFERRED\"",
                "guarantees named as an aspect, not a provision");
        assertThat(api.get("/api/provisions/plan/donbas/history").ok().toString()).contains("DISPUTED is our reading");
        assertThat(api.get("/api/compare?from=plan@1&to=plan@1").ok().toString()).contains("\"basis\":\"INFERRED\"");
    }

    @Test
    void the_exports_mark_the_inference() {
        Reply csv = api.get("/api/negotiations/" + NID + "/export/csv");
        Reply timelineJs = api.get("/api/negotiations/" + NID + "/export/timelinejs");

        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).endsWith(",basis,note");
        assertThat(rows.get(1)).startsWith("reported,").endsWith(",REPORTED,");
        assertThat(rows.get(2)).startsWith("inferred,").endsWith(",INFERRED,\"" + NOTE.replace("\"", "\"\"") + "\"")
                .as("a note with a comma is quoted");
        assertThat(timelineJs.json().toString()).contains("Our inference:</strong> " + NOTE.replace("'", "&#39;"));
    }

    @Test
    void a_correction_sets_basis_and_note_together() {
        String nid = "basis-corrections";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(developmentRecorded(nid, "talks").occurred(onDay("2026-01-05")).atSequence(1));
        topic.publish(with(developmentCorrected(nid, "mark", "talks").atSequence(2),
                p -> inferred((ObjectNode) p.get("set"), "our reading")));
        eventually(() -> assertThat(api.get("/api/negotiations/" + nid + "/timeline?basis=REPORTED").ok()).isEmpty());
        assertThat(api.get("/api/negotiations/" + nid + "/timeline").ok().at("/0/note").asText()).isEqualTo("our reading");

        topic.publish(with(developmentCorrected(nid, "unmark", "talks").atSequence(3),
                p -> ((ObjectNode) p.get("set")).put("basis", "REPORTED")));
        eventually(() -> assertThat(ids(api.get("/api/negotiations/" + nid + "/timeline?basis=REPORTED").ok()))
                .containsExactly("talks"));
        JsonNode item = api.get("/api/negotiations/" + nid + "/timeline").ok().get(0);
        assertThat(item.has("basis")).isFalse();
        assertThat(item.has("note")).as("setting the basis without a note clears it").isFalse();
    }
}
