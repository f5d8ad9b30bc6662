package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.documentCreated;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.versionAdded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** An amended provision over the word cap is compared without a word diff, and says so. */
@TestPropertySource(properties = "projection.query.max-diff-words=8")
class CompareWordCapTest extends ProjectionServiceTestBase {

    @Test
    void a_text_over_the_cap_gets_no_word_diff_one_at_the_cap_does() {
        String nid = "word-cap";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(documentCreated(nid, "capped").atSequence(1));
        topic.publish(versionAdded(nid, "capped", 1)
                .provision("short", "1", "Eight words: a ceasefire along the line.")
                .provision("long", "2", "Nine words here: a ceasefire along the line today.")
                .change("short", "ADDED").change("long", "ADDED").atSequence(2));
        topic.publish(versionAdded(nid, "capped", 2)
                .provision("short", "1", "Eight words: a truce along the line.")
                .provision("long", "2", "Nine words here: a truce along the line today.")
                .change("short", "AMENDED", "capped/short").change("long", "AMENDED", "capped/long").atSequence(3));
        eventually(() -> api.get("/api/documents/capped/versions/2").ok());

        JsonNode rows = api.get("/api/compare?from=capped@1&to=capped@2").ok();

        assertThat(rows).hasSize(2);
        JsonNode shortRow = rows.get(0);
        JsonNode longRow = rows.get(1);
        assertThat(shortRow.path("change").asText()).isEqualTo("AMENDED");
        assertThat(shortRow.path("textDiff").findValuesAsText("text")).contains("ceasefire", "truce");
        assertThat(longRow.path("change").asText()).isEqualTo("AMENDED");
        assertThat(longRow.has("textDiff")).isFalse();
        assertThat(longRow.path("textDiffOmitted").asText()).contains("8 words");
        assertThat(longRow.at("/to/text").asText()).isEqualTo("Nine words here: a truce along the line today.");
    }
}
