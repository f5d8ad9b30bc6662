package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code basis} and {@code note}: an item can say that it is the recorder's inference, not its
 * sources' report. The write API refuses an inference without a note (a problem naming the field,
 * nothing stored), publishes the pair when it is given, and leaves it out when it is the default,
 * so a body without it publishes what it always did.
 */
class BasisTest extends ServiceTestBase {

    private String nid;

    @BeforeEach
    void aNegotiation() throws Exception {
        nid = newNegotiation();
    }

    private HttpResponse<String> record(String body) throws Exception {
        return post("/api/negotiations/" + nid + "/events", TOKEN, body);
    }

    private static String withTopLevel(String development, String fields) {
        return development.replace("\"type\": \"MEETING\"", fields + ", \"type\": \"MEETING\"");
    }

    @Test
    void an_inferred_development_without_a_note_is_a_problem_naming_note_and_stores_nothing() throws Exception {
        HttpResponse<String> response = record(withTopLevel(parisSummit("guess-" + nid), "\"basis\": \"INFERRED\""));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(firstField(response)).isEqualTo("note");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void an_inferred_claim_without_a_note_is_a_problem_naming_the_claim_and_stores_nothing() throws Exception {
        String body = parisSummit("claim-" + nid).replace("\"value\": 35}", "\"value\": 35, \"basis\": \"INFERRED\", \"note\": \" \"}");

        HttpResponse<String> response = record(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(firstField(response)).isEqualTo("claims[0].note");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void a_note_longer_than_500_characters_is_a_problem_and_an_unknown_basis_too() throws Exception {
        HttpResponse<String> tooLong = record(withTopLevel(parisSummit("long-" + nid),
                "\"basis\": \"INFERRED\", \"note\": \"" + "x".repeat(501) + "\""));
        HttpResponse<String> unknown = record(withTopLevel(parisSummit("maybe-" + nid), "\"basis\": \"GUESSED\""));

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(firstField(tooLong)).isEqualTo("note");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(firstField(unknown)).isEqualTo("basis");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void an_inference_is_published_with_its_note_and_the_default_is_left_out() throws Exception {
        assertThat(record(withTopLevel(parisSummit("read-" + nid),
                "\"basis\": \"INFERRED\", \"note\": \"the article says only that the talks came ahead of it\"")
                .replace("\"value\": 35}", "\"value\": 35, \"basis\": \"INFERRED\", \"note\": \"counted by us\"}"))
                .statusCode()).isEqualTo(201);
        assertThat(record(withTopLevel(parisSummit("plain-" + nid), "\"basis\": \"REPORTED\"")).statusCode()).isEqualTo(201);
        assertThat(record(parisSummit("absent-" + nid)).statusCode()).isEqualTo(201);

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(nid, BASELINE + 3);
        JsonNode inferred = JSON.readTree(records.get(2).value());
        JsonNode explicit = JSON.readTree(records.get(3).value());
        JsonNode absent = JSON.readTree(records.get(4).value());

        assertThat(inferred.get("basis").asText()).isEqualTo("INFERRED");
        assertThat(inferred.get("note").asText()).isEqualTo("the article says only that the talks came ahead of it");
        assertThat(inferred.at("/claims/0/basis").asText()).isEqualTo("INFERRED");
        assertThat(inferred.at("/claims/0/note").asText()).isEqualTo("counted by us");
        assertThat(inferred.at("/claims/1").has("basis")).isFalse();
        // REPORTED without a note is the default: published exactly as a body without basis.
        assertThat(Stream.of(explicit, absent)).allSatisfy(event -> {
            assertThat(event.has("basis")).isFalse();
            assertThat(event.has("note")).isFalse();
        });
        assertThat(fieldNames(explicit)).isEqualTo(fieldNames(absent));
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(PublishedSchemas.violations(record)).as("schema violations of %s", header(record, "ce_type")).isEmpty();
        }
    }

    @Test
    void a_correction_can_mark_a_development_inferred_only_with_a_note() throws Exception {
        assertThat(record(parisSummit("fix-" + nid)).statusCode()).isEqualTo(201);

        HttpResponse<String> noNote = post("/api/events/fix-" + nid + "/corrections", TOKEN, """
                {"set": {"basis": "INFERRED"}, "reason": "it is our reading", "sources": [{"outlet": "RFE/RL"}]}""");
        HttpResponse<String> noted = post("/api/events/fix-" + nid + "/corrections", TOKEN, """
                {"set": {"basis": "INFERRED", "note": "read from the order of the paragraphs"},
                 "reason": "it is our reading", "sources": [{"outlet": "RFE/RL"}]}""");

        assertThat(noNote.statusCode()).as(noNote.body()).isEqualTo(400);
        assertThat(firstField(noNote)).isEqualTo("note");
        assertThat(noted.statusCode()).as(noted.body()).isEqualTo(201);
        JsonNode corrected = JSON.readTree(awaitRecords(nid, BASELINE + 2).get(3).value());
        assertThat(corrected.at("/set/basis").asText()).isEqualTo("INFERRED");
        assertThat(corrected.at("/set/note").asText()).isEqualTo("read from the order of the paragraphs");
    }

    @Test
    void provisions_and_statuses_carry_a_basis_and_refuse_an_inference_without_a_note() throws Exception {
        String doc = document("plan-" + nid, "FRAMEWORK");
        String version = """
                {"label": "framework", "occurred": {"value": "2025-11"}, "status": "DRAFT", "textAvailable": "REPORTED_ONLY",
                 "provisions": [{"id": "donbas"}, {"id": "guarantees", "basis": "INFERRED"%s}],
                 "sources": [{"outlet": "RFE/RL"}]}""";

        HttpResponse<String> noNote = post("/api/documents/" + doc + "/versions", TOKEN, version.formatted(""));
        assertThat(noNote.statusCode()).as(noNote.body()).isEqualTo(400);
        assertThat(firstField(noNote)).isEqualTo("provisions[1].note");
        long stored = eventsStoredFor(nid);
        HttpResponse<String> added = post("/api/documents/" + doc + "/versions", TOKEN,
                version.formatted(", \"note\": \"the article calls guarantees an aspect of the agreement\""));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

        HttpResponse<String> statusNoNote = post("/api/documents/" + doc + "/provisions/donbas/status", TOKEN, """
                {"status": "OPEN", "occurred": {"value": "2026-01-06"}, "sources": [{"outlet": "RFE/RL"}], "basis": "INFERRED"}""");
        assertThat(statusNoNote.statusCode()).as(statusNoNote.body()).isEqualTo(400);
        assertThat(firstField(statusNoNote)).isEqualTo("note");
        assertThat(eventsStoredFor(nid)).isEqualTo(stored + 1);
        HttpResponse<String> status = post("/api/documents/" + doc + "/provisions/donbas/status", TOKEN, """
                {"status": "OPEN", "occurred": {"value": "2026-01-06"}, "sources": [{"outlet": "RFE/RL"}],
                 "basis": "INFERRED", "note": "from 'still to be decided'"}""");
        assertThat(status.statusCode()).as(status.body()).isEqualTo(201);

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(nid, stored + 2);
        JsonNode versionAdded = JSON.readTree(records.get(records.size() - 2).value());
        JsonNode statusChanged = JSON.readTree(records.get(records.size() - 1).value());
        assertThat(versionAdded.at("/provisions/0").has("basis")).isFalse();
        assertThat(versionAdded.at("/provisions/1/basis").asText()).isEqualTo("INFERRED");
        assertThat(statusChanged.get("basis").asText()).isEqualTo("INFERRED");
        assertThat(statusChanged.get("note").asText()).isEqualTo("from 'still to be decided'");
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(PublishedSchemas.violations(record)).as("schema violations of %s", header(record, "ce_type")).isEmpty();
        }
    }

    @Test
    void a_provision_cites_the_outlets_of_its_version_that_reported_it_and_no_other() throws Exception {
        String doc = document("draft-" + nid, "JOINT_STATEMENT");
        String version = """
                {"label": "draft", "occurred": {"value": "2026-01-06"}, "status": "SUBJECT_TO_CHANGE", "textAvailable": "PARTIAL",
                 "provisions": [{"id": "commitments", "text": "binding commitments", "sources": [{"outlet": "unnamed publisher", "via": "%s"}]},
                                {"id": "monitoring", "text": "a ceasefire monitoring mechanism"}],
                 "sources": [{"outlet": "unnamed publisher", "via": "Reuters"}, {"outlet": "unnamed publisher", "via": "AFP"}]}""";

        HttpResponse<String> foreign = post("/api/documents/" + doc + "/versions", TOKEN, version.formatted("Bloomberg"));
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(400);
        assertThat(firstField(foreign)).isEqualTo("provisions[0].sources[0]");
        long stored = eventsStoredFor(nid);
        HttpResponse<String> narrowed = post("/api/documents/" + doc + "/versions", TOKEN, version.formatted("Reuters"));
        assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(201);

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(nid, stored + 1);
        JsonNode added = JSON.readTree(records.get(records.size() - 1).value());
        assertThat(added.at("/provisions/0/sources").findValuesAsText("via")).containsExactly("Reuters");
        assertThat(added.at("/provisions/1").has("sources")).as("all of the version's sources: left out").isFalse();
        assertThat(PublishedSchemas.violations(records.get(records.size() - 1))).isEmpty();
    }

    private String document(String id, String kind) throws Exception {
        assertThat(post("/api/negotiations/" + nid + "/documents", TOKEN,
                "{\"id\": \"" + id + "\", \"title\": \"A text\", \"kind\": \"" + kind + "\"}").statusCode()).isEqualTo(201);
        return id;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!name.equals("eventId") && !name.equals("recordedAt") && !name.equals("requestFingerprint")) {
                names.add(name);
            }
        });
        return names;
    }
}
