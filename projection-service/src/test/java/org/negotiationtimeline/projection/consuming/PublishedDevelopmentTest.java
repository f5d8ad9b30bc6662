package org.negotiationtimeline.projection.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The field lists the readers share are those of the published schemas. */
class PublishedDevelopmentTest {

    private static final Path SCHEMAS = Path.of("..", "docs", "schemas");

    @Test
    void the_correctable_fields_are_those_of_the_current_correction_schema() throws IOException {
        JsonNode set = new ObjectMapper().readTree(SCHEMAS.resolve("DevelopmentCorrected-2.json").toFile())
                .at("/properties/set/properties");
        List<String> names = new ArrayList<>();
        set.fieldNames().forEachRemaining(names::add);
        List<String> listed = new ArrayList<>(PublishedDevelopment.CORRECTABLE);
        listed.addAll(PublishedDevelopment.BASIS);
        assertThat(listed).containsExactlyElementsOf(names);
    }

    @Test
    void the_internal_fields_are_fields_of_a_recorded_development() throws IOException {
        List<String> names = new ArrayList<>();
        for (String schema : List.of("DevelopmentRecorded-1.json", "DevelopmentRecorded-2.json")) {
            new ObjectMapper().readTree(SCHEMAS.resolve(schema).toFile()).at("/properties").fieldNames()
                    .forEachRemaining(names::add);
        }
        assertThat(names).containsAll(PublishedDevelopment.INTERNAL);
    }
}
