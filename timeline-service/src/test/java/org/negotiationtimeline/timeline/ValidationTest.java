package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input to the single-development endpoint: a problem+json naming the field, and nothing
 * stored. (HostileInputTest covers the bodies an attacker would send.)
 */
class ValidationTest extends ServiceTestBase {

    private String nid;

    @BeforeEach
    void aNegotiation() throws Exception {
        nid = newNegotiation();
    }

    private HttpResponse<String> record(String body) throws Exception {
        return post("/api/negotiations/" + nid + "/events", TOKEN, body);
    }

    @Test
    void invalid_input_is_a_problem_naming_every_bad_field_and_stores_nothing() throws Exception {
        HttpResponse<String> response = record("""
                {"type": "MEETING", "occurred": {"value": "2026-02-30"}, "title": " ",
                 "actors": [{"id": "Not A Slug", "role": "HOST"}], "sources": []}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:negotiation-timeline:problem:validation");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("actors[0].id", "occurred.value", "sources", "title");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    /**
     * Each row changes one thing in a valid development (replaces {@code from} by {@code to}) and
     * names the field the problem must name.
     */
    @ParameterizedTest(name = "{0} is a problem naming {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            an unregistered actor             | "macron"          | "starmer"                                                                     | actors[0].id
            a block of another type           | "location"        | "position": {"holder": "macron", "stance": "SUPPORTS", "on": "x"}, "location" | position
            a publication date that is not EDTF | "published": "2026-01-06" | "published": "6 Jan"                                              | sources[0].published
            an unknown field, not dropped     | "title"           | "headline": "?", "title"                                                      | headline
            an unknown enum value             | MEETING           | SUMMIT                                                                        | type""")
    void one_bad_field_is_a_problem_naming_it_and_stores_nothing(String what, String from, String to, String field)
            throws Exception {
        String body = parisSummit("bad-" + nid);
        assertThat(body).contains(from);

        HttpResponse<String> response = record(body.replace(from, to));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(firstField(response)).isEqualTo(field);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void a_body_that_is_not_json_is_refused() throws Exception {
        HttpResponse<String> response = record("{\"type\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void a_negotiation_id_must_be_a_slug() throws Exception {
        HttpResponse<String> badId = post("/api/negotiations", TOKEN, "{\"id\": \"Bad Id\", \"title\": \"x\"}");

        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(firstField(badId)).isEqualTo("id");
    }

    private String oversized() {
        return parisSummit("big").replace("\"title\": \"", "\"summary\": \"" + "x".repeat(20_000) + "\", \"title\": \"");
    }

    @Test
    void an_oversized_body_with_a_content_length_is_refused() throws Exception {
        HttpResponse<String> response = record(oversized());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(body(response).get("type").asText()).isEqualTo("urn:negotiation-timeline:problem:payload-too-large");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void an_oversized_body_sent_chunked_is_refused() throws Exception {
        byte[] huge = oversized().getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/api/negotiations/" + nid + "/events"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }
}
