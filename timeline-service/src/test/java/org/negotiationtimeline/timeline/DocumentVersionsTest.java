package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A document evolves by versions whose changes the service computes, and publishes. */
class DocumentVersionsTest extends ServiceTestBase {

    private static final String FIRST = """
            {"label": "first draft", "occurred": {"value": "2025-11"}, "status": "DRAFT",
             "provisions": [{"id": "ceasefire", "number": "1", "text": "A ceasefire along the line of contact."},
                            {"id": "sanctions", "number": "2", "text": "Sanctions are lifted in stages."}],
             "sources": [{"outlet": "RFE/RL"}]}""";
    private static final String SECOND = """
            {"label": "second draft", "occurred": {"value": "2025-12"}, "status": "SUBJECT_TO_CHANGE", "expectedVersion": 1,
             "provisions": [{"id": "ceasefire", "number": "1", "text": "A ceasefire along the current line of contact."},
                            {"id": "monitoring", "number": "2", "text": "A US-led mechanism monitors it.", "derivedFrom": ["ceasefire"]}],
             "sources": [{"outlet": "RFE/RL"}]}""";

    private String nid;
    private String doc;

    @BeforeEach
    void aDocument() throws Exception {
        nid = newNegotiation();
        doc = "plan-" + nid;
        HttpResponse<String> created = post("/api/negotiations/" + nid + "/documents", TOKEN,
                "{\"id\": \"" + doc + "\", \"title\": \"Peace plan\", \"kind\": \"PLAN\"}");
        assertThat(created.statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> addVersion(String body) throws Exception {
        return post("/api/documents/" + doc + "/versions", TOKEN, body);
    }

    @Test
    void the_first_version_is_number_1() throws Exception {
        HttpResponse<String> v1 = addVersion(FIRST);

        assertThat(v1.statusCode()).as(v1.body()).isEqualTo(201);
        assertThat(body(v1).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void a_next_version_answers_with_the_changes_per_provision() throws Exception {
        addVersion(FIRST);

        HttpResponse<String> v2 = addVersion(SECOND);

        assertThat(body(v2).get("changes").findValuesAsText("change")).containsExactly("SPLIT", "SPLIT", "REMOVED");
    }

    @Test
    void a_repeated_version_returns_the_first_answer() throws Exception {
        addVersion(FIRST);
        addVersion(SECOND);

        HttpResponse<String> v2Again = addVersion(SECOND);

        assertThat(v2Again.statusCode()).isEqualTo(201);
        assertThat(v2Again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(body(v2Again).get("version").asInt()).isEqualTo(2);
    }

    @Test
    void a_version_on_a_stale_expected_version_is_a_conflict() throws Exception {
        addVersion(FIRST);
        addVersion(SECOND);

        HttpResponse<String> stale = addVersion(SECOND.replace("second draft", "third draft"));

        assertThat(stale.statusCode()).isEqualTo(409);
    }

    @Test
    void a_provision_derived_from_an_unknown_one_is_a_problem_naming_it() throws Exception {
        HttpResponse<String> dangling = addVersion(
                FIRST.replace("\"number\": \"1\",", "\"number\": \"1\", \"derivedFrom\": [\"other-doc/x\"],"));

        assertThat(dangling.statusCode()).isEqualTo(400);
        assertThat(firstField(dangling)).isEqualTo("provisions[0].derivedFrom[0]");
    }

    @Test
    void a_provision_status_is_recorded() throws Exception {
        addVersion(FIRST);

        HttpResponse<String> status = post("/api/documents/" + doc + "/provisions/ceasefire/status", TOKEN,
                "{\"status\": \"AGREED\", \"by\": \"macron\", \"occurred\": {\"value\": \"2026-01-06\"}, \"sources\": [{\"outlet\": \"RFE/RL\"}]}");

        assertThat(status.statusCode()).as(status.body()).isEqualTo(201);
        assertThat(body(status).get("provision").asText()).isEqualTo(doc + "/ceasefire");
    }

    @Test
    void a_version_of_an_unknown_document_is_not_found() throws Exception {
        HttpResponse<String> unknownDocument = post("/api/documents/no-such-doc/versions", TOKEN, FIRST);

        assertThat(unknownDocument.statusCode()).isEqualTo(404);
    }

    @Test
    void document_events_are_published_and_match_their_schemas() throws Exception {
        addVersion(FIRST);
        addVersion(SECOND);
        post("/api/documents/" + doc + "/provisions/ceasefire/status", TOKEN,
                "{\"status\": \"AGREED\", \"by\": \"macron\", \"occurred\": {\"value\": \"2026-01-06\"}, \"sources\": [{\"outlet\": \"RFE/RL\"}]}");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + 4);

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(nid, BASELINE + 4);

        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(PublishedSchemas.violations(record)).as("schema violations of %s", header(record, "ce_type")).isEmpty();
        }
    }
}
