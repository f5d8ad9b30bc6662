package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Kafka contract of a recorded development: a CloudEvent in binary mode whose payload matches
 * the schema in docs/schemas. One development is recorded for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishingTest extends ServiceTestBase {

    private String nid;
    private HttpResponse<String> answer;
    private List<ConsumerRecord<String, byte[]>> records;

    @BeforeAll
    void aRecordedDevelopment() throws Exception {
        nid = newNegotiation();
        answer = post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("paris-summit"));
        records = awaitRecords(nid, BASELINE + 1);
    }

    private ConsumerRecord<String, byte[]> development() {
        return records.get(2);
    }

    @Test
    void the_answer_names_the_event_and_its_sequence() throws Exception {
        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(body(answer).get("eventId").asText()).isEqualTo("paris-summit");
        assertThat(body(answer).get("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void every_published_record_matches_its_schema() {
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(PublishedSchemas.violations(record)).as("schema violations of %s", header(record, "ce_type")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ce_specversion | 1.0
            ce_type        | org.negotiationtimeline.DevelopmentRecorded
            ce_subject     | {nid}
            ce_negotiation | {nid}
            ce_sequence    | 2
            ce_time        | 2026-01-07T09:00:00Z
            ce_source      | /negotiations/{nid}
            ce_dataschema  | urn:negotiation-timeline:schema:DevelopmentRecorded:2
            content-type   | application/json""")
    void a_development_is_a_cloud_event_with_this_header(String name, String value) {
        assertThat(header(development(), name)).isEqualTo(value.replace("{nid}", nid));
    }

    @Test
    void each_record_has_an_id_of_its_own() {
        assertThat(header(development(), "ce_id")).isNotBlank().isNotEqualTo(header(records.get(0), "ce_id"));
    }

    @Test
    void records_are_keyed_by_negotiation_in_stream_order() {
        assertThat(development().key()).isEqualTo(nid);
        assertThat(header(records.get(0), "ce_type")).isEqualTo("org.negotiationtimeline.NegotiationStarted");
        assertThat(header(records.get(0), "ce_sequence")).isEqualTo("0");
        assertThat(header(records.get(1), "ce_type")).isEqualTo("org.negotiationtimeline.ActorRegistered");
    }

    @Test
    void the_payload_carries_the_bounds_of_when_it_occurred_in_utc() throws Exception {
        JsonNode payload = JSON.readTree(development().value());

        assertThat(payload.at("/occurred/earliest").asText()).isEqualTo("2026-01-05T23:00:00Z");
        assertThat(payload.at("/occurred/latest").asText()).isEqualTo("2026-01-06T22:59:59.999999Z");
        assertThat(payload.at("/occurred/precision").asText()).isEqualTo("DAY");
    }

    @Test
    void the_payload_carries_the_request_content_and_the_server_time() throws Exception {
        JsonNode payload = JSON.readTree(development().value());

        assertThat(payload.get("eventId").asText()).isEqualTo("paris-summit");
        assertThat(payload.at("/sources/0/ref").asText()).isEqualTo("000_ea396f7a82a19f71.txt");
        assertThat(payload.at("/sources/0/published").asText()).isEqualTo("2026-01-06");
        assertThat(payload.at("/claims/1/value/max").asInt()).isEqualTo(30000);
        assertThat(payload.get("recordedAt").asText()).isEqualTo(NOW.toString());
    }
}
