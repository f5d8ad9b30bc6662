package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.Occurrence.onDay;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.Query.where;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.eventIds;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.actorRegistered;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentCorrected;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRetracted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Corrections and retractions change what is known from the moment they are recorded, not the
 * past: the timeline as known before them still shows the original. Events of a stream are
 * recorded one minute apart from 2026-01-07T09:00Z (sequence n at 09:0n).
 */
class AmendmentsTest extends ProjectionServiceTestBase {

    @Test
    void a_correction_changes_the_timeline_from_when_it_was_recorded_on() {
        String nid = "corrected-talks";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(developmentRecorded(nid, "talks").ofType("MEETING").occurred(onDay("2026-01-05"))
                .titled("Talks on Monday").atSequence(1));
        topic.publish(developmentRecorded(nid, "summit").ofType("MEETING").occurred(onDay("2026-01-06")).atSequence(2));
        topic.publish(developmentCorrected(nid, "fix-talks", "talks").movingTo(onDay("2026-01-07"))
                .retitled("Talks on Wednesday").because("the first report had the wrong day").atSequence(3));

        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("summit", "talks"));

        JsonNode talks = api.timeline(nid).get(1);
        assertThat(talks.get("title").asText()).isEqualTo("Talks on Wednesday");
        assertThat(talks.at("/occurred/value").asText()).isEqualTo("2026-01-07");
        assertThat(talks.get("corrected").asBoolean()).isTrue();
        assertThat(talks.get("recordedAt").asText()).as("first recorded").isEqualTo("2026-01-07T09:01:00Z");

        JsonNode before = api.timeline(nid, where("knownAt", "2026-01-07T09:02:59Z"));
        assertThat(eventIds(before)).containsExactly("talks", "summit");
        assertThat(before.get(0).get("title").asText()).isEqualTo("Talks on Monday");
        assertThat(before.get(0).get("corrected").asBoolean()).isFalse();

        assertThat(eventIds(api.timeline(nid, where("knownAt", "2026-01-07T09:03:00Z")))).containsExactly("summit", "talks");
        assertThat(eventIds(api.timeline(nid, where("knownAt", "2026-01-07T09:00:30Z")))).isEmpty();
        assertThat(eventIds(api.timeline(nid, where("to", "2026-01-06")))).as("valid time, as now known").containsExactly("summit");
    }

    @Test
    void a_retraction_hides_the_development_unless_asked_but_not_from_what_was_known_before() {
        String nid = "retracted-report";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(developmentRecorded(nid, "rumour").ofType("REPORT").atSequence(1));
        topic.publish(developmentRecorded(nid, "fact").ofType("MEETING").atSequence(2));
        topic.publish(developmentRetracted(nid, "withdrawn", "rumour").atSequence(3));

        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("fact"));

        JsonNode all = api.timeline(nid, where("includeRetracted", "true"));
        assertThat(eventIds(all)).containsExactlyInAnyOrder("rumour", "fact");
        assertThat(all.findValues("retracted").stream().filter(JsonNode::asBoolean).count()).isEqualTo(1);
        assertThat(eventIds(api.timeline(nid, where("knownAt", "2026-01-07T09:02:00Z")))).containsExactlyInAnyOrder("rumour", "fact");
        assertThat(api.negotiation(nid).get("developmentCount").asLong()).isEqualTo(1);
    }

    @Test
    void an_event_shows_its_first_form_every_amendment_and_its_current_form() {
        String nid = "event-history";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(developmentRecorded(nid, "history-talks").ofType("MEETING").occurred(onDay("2026-01-05"))
                .titled("Talks").atSequence(1));
        topic.publish(developmentCorrected(nid, "fix-1", "history-talks").retitled("Talks in Paris").because("place").atSequence(2));
        topic.publish(developmentRetracted(nid, "gone", "history-talks").atSequence(3));

        eventually(() -> assertThat(api.get("/api/events/history-talks").json().path("amendments").size()).isEqualTo(2));

        JsonNode event = api.get("/api/events/history-talks").ok();
        assertThat(event.get("negotiationId").asText()).isEqualTo(nid);
        assertThat(event.at("/original/title").asText()).isEqualTo("Talks");
        assertThat(event.at("/amendments/0/kind").asText()).isEqualTo("CORRECTION");
        assertThat(event.at("/amendments/0/id").asText()).isEqualTo("fix-1");
        assertThat(event.at("/amendments/0/reason").asText()).isEqualTo("place");
        assertThat(event.at("/amendments/0/set/title").asText()).isEqualTo("Talks in Paris");
        assertThat(event.at("/amendments/1/kind").asText()).isEqualTo("RETRACTION");
        assertThat(event.at("/current/title").asText()).isEqualTo("Talks in Paris");
        assertThat(event.at("/current/retracted").asBoolean()).isTrue();
        assertThat(api.get("/api/events/no-such-event").status()).isEqualTo(404);
    }

    @Test
    void actors_claims_and_places_are_served_as_recorded() {
        String nid = "vocabulary";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(actorRegistered(nid, "umerov").named("Umerov").of("Ukraine").kind("PERSON").atSequence(1));
        topic.publish(actorRegistered(nid, "ukraine").named("Ukraine").kind("STATE").atSequence(2));
        // At revision 1, as records already on the topic are: its fingerprint is contentFingerprint.
        topic.publish(developmentRecorded(nid, "force-size").ofType("REPORT").at("Paris")
                .claiming("reassurance-force.troops", Map.of("min", 15000, "max", 30000))
                .claiming("umerov.first-name", "Rustem").atRevision(1).atSequence(3));

        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("force-size"));

        JsonNode item = api.timeline(nid).get(0);
        assertThat(item.get("location").asText()).isEqualTo("Paris");
        assertThat(item.at("/claims/0/subject").asText()).isEqualTo("reassurance-force.troops");
        assertThat(item.at("/claims/0/value/max").asInt()).isEqualTo(30000);
        assertThat(item.at("/claims/1/value").asText()).isEqualTo("Rustem");
        assertThat(item.has("contentFingerprint")).as("internal fields stay internal").isFalse();
        JsonNode actors = api.get("/api/negotiations/" + nid + "/actors").ok();
        assertThat(actors.findValuesAsText("id")).containsExactly("ukraine", "umerov");
        assertThat(actors.get(1).get("affiliation").asText()).isEqualTo("Ukraine");
    }
}
