package org.negotiationtimeline.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks a published record against the JSON Schema that docs/events.md points to, so the
 * catalogue cannot drift from what is on the topic.
 */
final class PublishedSchemas {

    private static final Path SCHEMAS = Path.of("..", "docs", "schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedSchemas() {
    }

    /** The violations of the record's payload against the schema named by its ce_dataschema header. */
    static Set<String> violations(ConsumerRecord<String, byte[]> record) {
        String dataschema = new String(record.headers().lastHeader("ce_dataschema").value(), StandardCharsets.UTF_8);
        String[] parts = dataschema.split(":"); // urn:negotiation-timeline:schema:<Type>:<revision>
        Path file = SCHEMAS.resolve(parts[3] + "-" + parts[4] + ".json");
        try (InputStream in = Files.newInputStream(file)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            return schema.validate(JSON.readTree(record.value())).stream()
                    .map(ValidationMessage::getMessage).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("no schema " + file + " for " + dataschema, e);
        }
    }
}
