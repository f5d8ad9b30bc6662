package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Every write answers its position, {@code Negotiation-Position: {negotiation}:{sequence}}: the
 * sequence of its (last) event as published, which is what the views wait for; and a 201's
 * {@code Location} is an absolute URL of the read service that names that position.
 */
class WritePositionTest extends ServiceTestBase {

    /** timeline.web.read-base-url's default: projection-service as ./run starts it. */
    private static final String READS = "http://127.0.0.1:8081";

    @Test
    void each_write_answers_the_sequence_its_event_was_published_at() throws Exception {
        String nid = "n-positions-" + Long.toHexString(System.nanoTime());
        List<HttpResponse<String>> writes = new ArrayList<>();
        writes.add(post("/api/negotiations", TOKEN, "{\"id\": \"" + nid + "\", \"title\": \"Positions\"}"));
        writes.add(post("/api/negotiations/" + nid + "/actors", TOKEN,
                "{\"id\": \"macron\", \"name\": \"Emmanuel Macron\", \"kind\": \"PERSON\"}"));
        writes.add(post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("summit-" + nid)));
        writes.add(post("/api/events/summit-" + nid + "/corrections", TOKEN,
                "{\"set\": {\"title\": \"The Paris summit\"}, \"reason\": \"clearer\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}"));
        writes.add(post("/api/negotiations/" + nid + "/documents", TOKEN,
                "{\"id\": \"plan-" + nid + "\", \"title\": \"Plan\", \"kind\": \"PLAN\"}"));
        writes.add(post("/api/documents/plan-" + nid + "/versions", TOKEN, """
                {"label": "first", "occurred": {"value": "2025-11"}, "status": "DRAFT",
                 "provisions": [{"id": "ceasefire", "number": "1", "text": "A ceasefire."}], "sources": [{"outlet": "RFE/RL"}]}"""));
        writes.add(post("/api/documents/plan-" + nid + "/provisions/ceasefire/status", TOKEN,
                "{\"status\": \"AGREED\", \"occurred\": {\"value\": \"2025-12\"}, \"sources\": [{\"outlet\": \"RFE/RL\"}]}"));
        writes.add(post("/api/events/summit-" + nid + "/retraction", TOKEN,
                "{\"reason\": \"never happened\", \"sources\": [{\"outlet\": \"RFE/RL\"}]}"));

        List<ConsumerRecord<String, byte[]>> published = awaitRecords(nid, writes.size());
        for (int i = 0; i < writes.size(); i++) {
            HttpResponse<String> write = writes.get(i);
            assertThat(write.statusCode()).as(write.body()).isEqualTo(201);
            String position = nid + ":" + header(published.get(i), "ce_sequence");
            assertThat(write.headers().firstValue("Negotiation-Position")).as("write %d", i).hasValue(position);
            assertThat(write.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                    .startsWith(READS + "/api/").endsWith("?waitFor=" + position));
        }
        assertThat(writes.get(0).headers().firstValue("Location")).hasValue(READS + "/api/negotiations/" + nid + "?waitFor=" + nid + ":0");
        assertThat(writes.get(2).headers().firstValue("Location"))
                .hasValue(READS + "/api/events/summit-" + nid + "?waitFor=" + nid + ":2");
    }

    @Test
    void a_repeated_registration_answers_a_position_at_or_after_the_first() throws Exception {
        String nid = newNegotiation();
        post("/api/negotiations/" + nid + "/events", TOKEN, parisSummit("later-" + nid));

        HttpResponse<String> again = post("/api/negotiations/" + nid + "/actors", TOKEN,
                "{\"id\": \"macron\", \"name\": \"Emmanuel Macron\", \"affiliation\": \"France\", \"kind\": \"PERSON\"}");

        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.headers().firstValue("Negotiation-Position")).hasValue(nid + ":" + BASELINE);
    }

    @Test
    void a_batch_answers_its_highest_position() throws Exception {
        String nid = newNegotiation();
        HttpResponse<String> batch = post("/api/negotiations/" + nid + "/events/batch", TOKEN,
                batch(List.of(parisSummit("b1-" + nid), parisSummit("b2-" + nid), parisSummit("b3-" + nid))));

        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(201);
        assertThat(batch.headers().firstValue("Negotiation-Position")).hasValue(nid + ":" + (BASELINE + 2));
    }
}
