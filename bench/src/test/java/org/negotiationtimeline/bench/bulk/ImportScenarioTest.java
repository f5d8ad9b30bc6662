package org.negotiationtimeline.bench.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.bench.workload.Command;

class ImportScenarioTest {

    private static Command development(int i) {
        return new Command("/api/negotiations/n1/events", JsonNodeFactory.instance.objectNode().put("eventId", "d" + i), "d" + i);
    }

    private static Command other(String path) {
        return new Command(path, JsonNodeFactory.instance.objectNode(), null);
    }

    @Test
    void runs_of_developments_become_batches_and_everything_else_keeps_its_place() {
        List<Command> lane = List.of(other("/api/negotiations"), development(0), development(1),
                other("/api/documents/n1-plan/versions"), development(2), other("/api/events/d0/corrections"));

        List<Command> requests = ImportScenario.batched(lane);

        assertThat(requests).extracting(Command::path).containsExactly("/api/negotiations",
                "/api/negotiations/n1/events/batch", "/api/documents/n1-plan/versions",
                "/api/negotiations/n1/events/batch", "/api/events/d0/corrections");
        assertThat(requests.get(1).body().get("events").findValuesAsText("eventId")).containsExactly("d0", "d1");
        assertThat(requests.get(3).body().get("events").findValuesAsText("eventId")).containsExactly("d2");
    }

    @Test
    void a_long_run_is_cut_at_the_batch_size_in_order() {
        List<Command> lane = new ArrayList<>();
        for (int i = 0; i < 2 * ImportScenario.BATCH_SIZE + 7; i++) {
            lane.add(development(i));
        }

        List<Command> requests = ImportScenario.batched(lane);

        assertThat(requests).extracting(c -> c.body().get("events").size())
                .containsExactly(ImportScenario.BATCH_SIZE, ImportScenario.BATCH_SIZE, 7);
        assertThat(requests.get(2).body().get("events").get(0).get("eventId").asText())
                .isEqualTo("d" + 2 * ImportScenario.BATCH_SIZE);
    }
}
