package org.negotiationtimeline.timeline.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.timeline.negotiation.ActorRef;
import org.negotiationtimeline.timeline.negotiation.ActorRole;
import org.negotiationtimeline.timeline.negotiation.Basis;
import org.negotiationtimeline.timeline.negotiation.Claim;
import org.negotiationtimeline.timeline.negotiation.DevelopmentContent;
import org.negotiationtimeline.timeline.negotiation.DevelopmentRecorded;
import org.negotiationtimeline.timeline.negotiation.DevelopmentType;
import org.negotiationtimeline.timeline.negotiation.Occurred;
import org.negotiationtimeline.timeline.negotiation.Provision;
import org.negotiationtimeline.timeline.negotiation.SourceRef;

/** An inference is stored with its note and read back whole; the default leaves no trace in the store. */
class BasisOmittedTest {

    private static DevelopmentRecorded recorded(Basis basis, String note, Claim claim) {
        return DevelopmentRecorded.of("ukraine-peace-2025", "talks", new DevelopmentContent(DevelopmentType.MEETING,
                Occurred.parse("2026-01-06", null, "Europe/Paris"), "Talks", null,
                List.of(new ActorRef("macron", ActorRole.HOST)), List.of(), null, null, null, null, null, List.of(claim),
                basis, note), List.of(new SourceRef("RFE/RL", null, null, null, null)), "f", Instant.parse("2026-01-07T09:00:00Z"));
    }

    @Test
    void an_inference_round_trips_through_the_store() throws Exception {
        DevelopmentRecorded event = recorded(Basis.INFERRED, "our reading", new Claim("summit.countries", 35, Basis.INFERRED, "counted"));

        String json = StoreSerializerConfiguration.STORE_JSON.writeValueAsString(event);

        assertThat(json).contains("\"basis\":\"INFERRED\"", "\"note\":\"our reading\"", "\"note\":\"counted\"");
        assertThat(StoreSerializerConfiguration.STORE_JSON.readValue(json, DevelopmentRecorded.class)).isEqualTo(event);
    }

    @Test
    void reported_without_a_note_is_not_written() throws Exception {
        String json = StoreSerializerConfiguration.STORE_JSON.writeValueAsString(
                recorded(Basis.REPORTED, null, new Claim("summit.countries", 35, Basis.REPORTED, null)));

        assertThat(json).doesNotContain("basis", "note").contains("\"location\":null");
    }

    @Test
    void a_provision_keeps_its_own_sources_and_leaves_them_out_when_it_has_none() throws Exception {
        SourceRef reuters = new SourceRef("unnamed publisher", "Reuters", "2026-01-06", null, "000_ea396f7a82a19f71.txt");
        Provision own = new Provision("binding-commitments", null, "text", List.of(), null, List.of(), Basis.INFERRED, "ours",
                List.of(reuters));
        Provision plain = new Provision("subgroup", null, null, List.of(), null, List.of());

        String ownJson = StoreSerializerConfiguration.STORE_JSON.writeValueAsString(own);
        String plainJson = StoreSerializerConfiguration.STORE_JSON.writeValueAsString(plain);

        assertThat(StoreSerializerConfiguration.STORE_JSON.readValue(ownJson, Provision.class)).isEqualTo(own);
        assertThat(ownJson).contains("\"via\":\"Reuters\"", "\"basis\":\"INFERRED\"");
        assertThat(plainJson).doesNotContain("sources", "basis", "note").contains("\"text\":null");
    }
}
