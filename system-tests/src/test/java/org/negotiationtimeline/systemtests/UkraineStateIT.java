package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The state of the Ukraine peace effort at two dates, on the bundled dataset loaded the way
 * {@code ./run} loads it, through both services.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UkraineStateIT {

    private static final String UKRAINE = "ukraine-peace-2025";

    private TimelineSystem system;

    @BeforeAll
    void startWithTheDataset() {
        system = TimelineSystem.withUkraineDataset(getClass().getSimpleName());
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    private JsonNode stateOn(String date) {
        return system.get("/api/negotiations/" + UKRAINE + "/state?at=" + date).expectStatus(200).json();
    }

    private static List<String> documents(JsonNode state) {
        List<String> ids = new ArrayList<>();
        state.get("documents").forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }

    @Test
    void on_the_first_of_december_the_28_point_plan_is_on_the_table_and_the_paris_draft_is_not() {
        JsonNode state = stateOn("2025-12-01");

        assertThat(documents(state)).contains("us-28-point-plan").doesNotContain("paris-draft-joint-statement");
        assertThat(state.get("claims").findValuesAsText("subject")).doesNotContain("reassurance-force.troops");
    }

    @Test
    void on_the_seventh_of_january_the_paris_draft_is_there_with_both_sources_force_sizes() {
        JsonNode state = stateOn("2026-01-07");

        assertThat(documents(state)).contains("us-28-point-plan", "20-point-framework", "paris-draft-joint-statement");
        JsonNode force = null;
        for (JsonNode claim : state.get("claims")) {
            if (claim.get("subject").asText().equals("reassurance-force.troops")) {
                force = claim;
            }
        }
        assertThat(force).as("force-size claims").isNotNull();
        assertThat(force.get("values").findValues("max").stream().map(JsonNode::asInt).toList())
                .containsExactlyInAnyOrder(30000, 20000);
        assertThat(force.get("values").findValuesAsText("ref"))
                .containsExactlyInAnyOrder("000_ea396f7a82a19f71.txt", "001_4c1616e0ff1b72e1.txt");
        JsonNode framework = null;
        for (JsonNode d : state.get("documents")) {
            if (d.get("id").asText().equals("20-point-framework")) {
                framework = d;
            }
        }
        assertThat(framework.get("textAvailable").asText()).isEqualTo("REPORTED_ONLY");
    }
}
