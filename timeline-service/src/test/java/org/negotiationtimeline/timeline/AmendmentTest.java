package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corrections and retractions: new events, addressed by the amended event's id alone. */
class AmendmentTest extends ServiceTestBase {

    private static final String CORRECTION = """
            {"set": {"occurred": {"value": "2026-01-07", "zone": "Europe/Paris"}, "title": "Summit, moved"},
             "reason": "the article was wrong about the day",
             "sources": [{"outlet": "RFE/RL", "published": "2026-01-07", "ref": "001_4c1616e0ff1b72e1.txt"}]}""";
    private static final String RETRACTION = "{\"reason\": \"no such summit\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}";

    private String nid;
    private String eventId;

    @BeforeEach
    void aRecordedDevelopment() throws Exception {
        nid = newNegotiation();
        eventId = "summit-" + nid;
        assertThat(post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit(eventId)).statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> correct(String key) throws Exception {
        return postWithKey("/api/events/" + eventId + "/corrections", key, CORRECTION);
    }

    private HttpResponse<String> retract(String body) throws Exception {
        return post("/api/events/" + eventId + "/retraction", TOKEN, body);
    }

    @Test
    void a_correction_answers_with_its_own_id_and_the_event_it_amends() throws Exception {
        HttpResponse<String> corrected = correct("fix-" + nid);

        assertThat(corrected.statusCode()).isEqualTo(201);
        assertThat(body(corrected).get("eventId").asText()).isEqualTo("fix-" + nid);
        assertThat(body(corrected).get("amends").asText()).isEqualTo(eventId);
    }

    @Test
    void a_repeated_correction_returns_the_first_answer() throws Exception {
        HttpResponse<String> corrected = correct("fix-" + nid);

        HttpResponse<String> again = correct("fix-" + nid);

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(corrected.body());
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + 2);
    }

    @Test
    void a_retraction_is_stored() throws Exception {
        HttpResponse<String> retracted = retract(RETRACTION);

        assertThat(retracted.statusCode()).isEqualTo(201);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + 2);
    }

    @Test
    void a_retracted_development_cannot_be_retracted_again() throws Exception {
        retract(RETRACTION);

        HttpResponse<String> retractedAgain = retract("{\"reason\": \"again\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}");

        assertThat(retractedAgain.statusCode()).isEqualTo(409);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + 2);
    }

    @Test
    void amending_an_unknown_event_is_not_found() throws Exception {
        HttpResponse<String> unknown = post("/api/events/no-such-event/retraction", TOKEN,
                "{\"reason\": \"x\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}");

        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void a_correction_that_sets_nothing_is_a_problem_naming_set() throws Exception {
        HttpResponse<String> emptySet = post("/api/events/" + eventId + "/corrections", TOKEN,
                "{\"set\": {}, \"reason\": \"x\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}");

        assertThat(emptySet.statusCode()).isEqualTo(400);
        assertThat(firstField(emptySet)).isEqualTo("set");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE + 1);
    }

    @Test
    void corrections_and_retractions_are_published_and_match_their_schemas() throws Exception {
        correct("fix-" + nid);
        retract(RETRACTION);

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(nid, BASELINE + 3);

        assertThat(header(records.get(3), "ce_type")).isEqualTo("org.negotiationtimeline.DevelopmentCorrected");
        assertThat(header(records.get(4), "ce_type")).isEqualTo("org.negotiationtimeline.DevelopmentRetracted");
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(PublishedSchemas.violations(record)).as("schema violations of %s", header(record, "ce_type")).isEmpty();
        }
    }
}
