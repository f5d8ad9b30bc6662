package org.negotiationtimeline.timeline.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.timeline.negotiation.DevelopmentRecorded;

/** A DevelopmentRecorded stored at revision 1 reads as revision 2, with its fingerprint renamed. */
class FingerprintRenamedTest {

    private static final String REVISION_1 = """
            {"negotiationId": "ukraine-peace-2025", "eventId": "paris-summit", "type": "MEETING",
             "occurred": {"value": "2026-01-06", "earliest": "2026-01-06T00:00:00Z",
                          "latest": "2026-01-06T23:59:59.999999Z", "precision": "DAY"},
             "title": "Summit", "actors": [], "topics": [], "sources": [{"outlet": "RFE/RL"}], "claims": [],
             "contentFingerprint": "abc123", "recordedAt": "2026-01-07T09:00:00Z"}""";

    @Test
    void a_revision_1_payload_is_read_with_the_field_under_its_new_name() {
        Serializer serializer = new StoreSerializerConfiguration().eventSerializer();
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Negotiation", "ukraine-peace-2025", 3,
                "event-1", "2026-01-07T09:00:00Z", DevelopmentRecorded.class.getName(), "1",
                REVISION_1.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(new FingerprintRenamed(DevelopmentRecorded.class))
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        DevelopmentRecorded event = serializer.deserialize(new SimpleSerializedObject<>(
                upcast.get(0).getData(byte[].class).getData(), byte[].class, upcast.get(0).getType()));
        assertThat(event.requestFingerprint()).isEqualTo("abc123");
        assertThat(event.eventId()).isEqualTo("paris-summit");
    }

    @Test
    void revision_2_payloads_are_left_alone() {
        Serializer serializer = new StoreSerializerConfiguration().eventSerializer();
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Negotiation", "n", 1, "event-2",
                "2026-01-07T09:00:00Z", DevelopmentRecorded.class.getName(), "2",
                "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(new FingerprintRenamed(DevelopmentRecorded.class))
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();

        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        assertThat(new String(upcast.get(0).getData(byte[].class).getData(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }
}
