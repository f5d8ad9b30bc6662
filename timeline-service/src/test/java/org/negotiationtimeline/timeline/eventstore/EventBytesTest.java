package org.negotiationtimeline.timeline.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.negotiationtimeline.timeline.negotiation.ActorRef;
import org.negotiationtimeline.timeline.negotiation.ActorRole;
import org.negotiationtimeline.timeline.negotiation.Appointment;
import org.negotiationtimeline.timeline.negotiation.Claim;
import org.negotiationtimeline.timeline.negotiation.DevelopmentContent;
import org.negotiationtimeline.timeline.negotiation.DevelopmentCorrected;
import org.negotiationtimeline.timeline.negotiation.DevelopmentRecorded;
import org.negotiationtimeline.timeline.negotiation.DevelopmentType;
import org.negotiationtimeline.timeline.negotiation.Occurred;
import org.negotiationtimeline.timeline.negotiation.Position;
import org.negotiationtimeline.timeline.negotiation.Quote;
import org.negotiationtimeline.timeline.negotiation.Sanctions;
import org.negotiationtimeline.timeline.negotiation.SourceRef;
import org.negotiationtimeline.timeline.negotiation.Stance;
import org.negotiationtimeline.timeline.publishing.EventJson;

/**
 * The bytes of the development events, in the event store and on Kafka, are those the golden files
 * in {@code src/test/resources/golden} hold. They were written by the code before the development's
 * fields got one type ({@code DevelopmentContent}), from events built field by field; here the
 * same events are built from that type. A change that moves a byte breaks the public schema
 * (docs/schemas) or the reading of stored events.
 */
class EventBytesTest {

    private static final Instant NOW = Instant.parse("2026-01-07T09:00:00.123456Z");

    static DevelopmentRecorded everyField() {
        Map<String, Object> troops = new LinkedHashMap<>();
        troops.put("min", 15000);
        troops.put("max", 30000);
        return DevelopmentRecorded.of("ukraine-peace-2025", "paris-summit", new DevelopmentContent(
                        DevelopmentType.STATEMENT, Occurred.parse("2026-01-06T12", "around midday", "Europe/Paris"),
                        "Coalition summit", "Leaders met in Paris.",
                        List.of(new ActorRef("macron", ActorRole.SPEAKER), new ActorRef("zelensky", ActorRole.PARTICIPANT)),
                        List.of("security-guarantees", "ceasefire"), "Paris", new Quote("We are ready.", true),
                        new Position("macron", Stance.SUPPORTS, "reassurance-force"),
                        new Sanctions("eu", "russia", "20th", Sanctions.Status.PROPOSED),
                        new Appointment("umerov", "chief negotiator", "zelensky"),
                        List.of(new Claim("reassurance-force.troops", troops), new Claim("summit.countries", 35))),
                List.of(new SourceRef("Kyiv Independent", "Reuters", "2026-01-06", "https://kyivindependent.com/x",
                        "000_ea396f7a82a19f71.txt")),
                "3f1c", NOW);
    }

    static DevelopmentRecorded fewestFields() {
        // Absent lists: the golden file, written when the event took them one by one, has them empty.
        return DevelopmentRecorded.of("ukraine-peace-2025", "talks", new DevelopmentContent(DevelopmentType.MEETING,
                        Occurred.parse("2026-01", null, null), "Talks", null, null, null, null, null, null, null, null,
                        null),
                List.of(new SourceRef("RFE/RL", null, null, null, null)), "9a0b", NOW);
    }

    static DevelopmentCorrected someChanges() {
        return new DevelopmentCorrected("ukraine-peace-2025", "fix-1", "talks",
                new DevelopmentContent(null, Occurred.parse("2026-01-05", null, null), "Talks in Geneva", null, null,
                        null, "Geneva", null, null, null, null, null),
                "the date was wrong", List.of(new SourceRef("RFE/RL", null, "2026-01-08", null, null)), "77aa", NOW);
    }

    static DevelopmentCorrected everyChange() {
        DevelopmentRecorded d = everyField();
        return new DevelopmentCorrected("ukraine-peace-2025", "fix-2", "paris-summit", d.content(), "all of it",
                d.sources(), "88bb", NOW);
    }

    static List<Arguments> events() {
        return List.of(
                Arguments.of("development-recorded-every-field", everyField()),
                Arguments.of("development-recorded-fewest-fields", fewestFields()),
                Arguments.of("development-corrected-some-changes", someChanges()),
                Arguments.of("development-corrected-every-change", everyChange()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void the_event_store_writes_the_golden_bytes(String name, Object event) throws IOException {
        assertSameBytes(StoreSerializerConfiguration.STORE_JSON, event, name + ".store.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void kafka_carries_the_golden_bytes(String name, Object event) throws IOException {
        assertSameBytes(EventJson.MAPPER, event, name + ".kafka.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void golden_stored_bytes_read_back_as_the_same_event(String name, Object event) throws IOException {
        Object read = StoreSerializerConfiguration.STORE_JSON.readValue(golden(name + ".store.json"), event.getClass());
        assertThat(read).isEqualTo(event);
    }

    private static void assertSameBytes(ObjectMapper mapper, Object event, String file) throws IOException {
        assertThat(new String(mapper.writeValueAsBytes(event), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden(file), StandardCharsets.UTF_8));
    }

    private static byte[] golden(String file) throws IOException {
        try (InputStream in = EventBytesTest.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden file %s", file).isNotNull();
            return in.readAllBytes();
        }
    }
}
