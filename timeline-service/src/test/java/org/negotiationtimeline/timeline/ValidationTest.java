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

    @Test
    void an_unregistered_actor_is_a_problem_naming_the_field() throws Exception {
        HttpResponse<String> response = record(parisSummit("a").replace("\"macron\"", "\"starmer\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(firstField(response)).isEqualTo("actors[0].id");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void a_block_of_another_type_is_a_problem_naming_the_block() throws Exception {
        HttpResponse<String> response = record(parisSummit("b").replace("\"location\"",
                "\"position\": {\"holder\": \"macron\", \"stance\": \"SUPPORTS\", \"on\": \"x\"}, \"location\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(firstField(response)).isEqualTo("position");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void a_publication_date_that_is_not_edtf_is_a_problem_naming_the_field() throws Exception {
        HttpResponse<String> response = record(parisSummit("c").replace("\"2026-01-06\",\n", "\"6 Jan\",\n"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(firstField(response)).isEqualTo("sources[0].published");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void an_unknown_field_is_named_not_dropped() throws Exception {
        HttpResponse<String> response = record(parisSummit("x").replace("\"title\"", "\"headline\": \"?\", \"title\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(firstField(response)).isEqualTo("headline");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void an_unknown_enum_value_is_named() throws Exception {
        HttpResponse<String> response = record(parisSummit("y").replace("MEETING", "SUMMIT"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(firstField(response)).isEqualTo("type");
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
