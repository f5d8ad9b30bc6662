package org.negotiationtimeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CI smoke test of issue 8: the quick bench, every scenario, against the system it starts
 * from the jars this build packaged (PostgreSQL at 127.0.0.1:5432, as CI provides). It checks
 * that every scenario measured something sensible and every target got a verdict — not the
 * figures themselves, which depend on the machine.
 */
class BenchSmokeIT {

    @Test
    void the_quick_bench_measures_every_scenario_beside_its_baseline_and_judges_every_target() throws Exception {
        Path out = Bench.run(new String[] {"--quick", "--out=" + System.getProperty("bench.out", "target/bench-results"),
                "--timeline-jar=" + System.getProperty("timeline.jar"),
                "--projection-jar=" + System.getProperty("projection.jar")});

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        List<String> scenarios = new ArrayList<>();
        for (JsonNode row : report.get("rows")) {
            scenarios.add(row.get("scenario").asText());
            assertThat(row.get("median").asDouble()).as("%s", row).isPositive().isFinite();
        }
        assertThat(scenarios).contains("ingest", "import", "state", "stream", "rebuild", "memory", "jmh");
        assertThat(report.get("rows").toString()).contains("baseline: Axon event store append alone",
                "baseline: raw KafkaProducer", "baseline (a): replay from the event store",
                "baseline: bare KafkaConsumer", "1000 subscriber(s)");
        assertThat(report.get("verdicts")).hasSize(10);
        assertThat(report.get("verdicts").toString()).contains("in-process lookup ≥ 100× faster than the in-memory fold",
                "a cold negotiation's first query within 20 ms", "heap for the in-memory state indexes of 1M events");
        assertThat(out.resolve("report.md")).content().contains("### Targets", "### Measurements");
    }
}
