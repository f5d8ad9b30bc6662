package org.negotiationtimeline.bench.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.consuming.TimelineMessage;

/** The generated history is reproducible and has the mix the benchmark claims. */
class NegotiationHistoryTest {

    @Test
    void the_same_seed_gives_the_same_records_and_questions() {
        NegotiationHistory one = NegotiationHistory.generate(3, 500);
        NegotiationHistory again = NegotiationHistory.generate(3, 500);
        assertThat(again.records()).hasSameSizeAs(one.records());
        for (int i = 0; i < one.records().size(); i++) {
            assertThat(again.records().get(i).value()).isEqualTo(one.records().get(i).value());
            assertThat(again.records().get(i).headers()).isEqualTo(one.records().get(i).headers());
        }
        assertThat(again.queries(9, 50)).isEqualTo(one.queries(9, 50));
        assertThat(NegotiationHistory.generate(4, 500).records().get(10).value()).isNotEqualTo(one.records().get(10).value());
    }

    @Test
    void the_mix_is_as_described() {
        NegotiationHistory history = NegotiationHistory.generate(11, 20_000);
        List<TimelineMessage> messages = history.messages();
        Map<String, Integer> types = new HashMap<>();
        Map<String, Integer> precisions = new HashMap<>();
        int positions = 0;
        int withClaims = 0;
        int recordedBeforeOccurred = 0;
        Instant previous = Instant.MIN;
        for (int i = 0; i < messages.size(); i++) {
            TimelineMessage m = messages.get(i);
            assertThat(m.sequence()).isEqualTo(i);
            assertThat(m.recordedAt()).isAfter(previous);
            previous = m.recordedAt();
            types.merge(m.type(), 1, Integer::sum);
            if (m.type().equals("DevelopmentRecorded")) {
                precisions.merge(m.data().at("/occurred/precision").asText(), 1, Integer::sum);
                positions += m.data().has("position") ? 1 : 0;
                withClaims += m.data().get("claims").isEmpty() ? 0 : 1;
                recordedBeforeOccurred += Instant.parse(m.data().at("/occurred/latest").asText()).isAfter(m.recordedAt()) ? 1 : 0;
            }
        }
        assertThat(types).containsEntry("DevelopmentRecorded", 20_000)
                .containsEntry("DocumentCreated", 1)
                .containsEntry("VersionAdded", NegotiationHistory.DOCUMENT_VERSIONS)
                .containsEntry("ProvisionStatusChanged", NegotiationHistory.STATUS_CHANGES)
                .containsEntry("DevelopmentCorrected", history.corrections())
                .containsEntry("DevelopmentRetracted", history.retractions());
        assertThat(history.corrections()).isBetween(140, 260);
        assertThat(history.retractions()).isBetween(60, 140);
        assertThat(precisions).containsOnlyKeys("MINUTE", "DAY", "INTERVAL", "MONTH");
        precisions.values().forEach(n -> assertThat(n).isBetween(4_500, 5_500));
        assertThat(positions).isBetween(2_700, 3_300);
        assertThat(withClaims).isBetween(3_600, 4_400);
        // Recorded in an order unrelated to valid time: about half are recorded before they occur.
        assertThat(recordedBeforeOccurred).isBetween(8_000, 12_000);
        ConsumerRecord<String, byte[]> first = history.records().get(0);
        assertThat(first.key()).isEqualTo(history.negotiationId());
        assertThat(new String(first.headers().lastHeader("ce_type").value())).isEqualTo("org.negotiationtimeline.NegotiationStarted");
    }
}
