package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes need the bearer token; without it nothing is stored. (WriteAccessTest tries every spelling.) */
class AuthorisationTest extends ServiceTestBase {

    private String nid;

    @BeforeEach
    void aNegotiation() throws Exception {
        nid = newNegotiation();
    }

    @Test
    void a_write_without_a_token_is_a_401_with_a_bearer_challenge() throws Exception {
        HttpResponse<String> none = post("/api/negotiations/" + nid + "/events", null, parisSummit("a"));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(body(none).get("type").asText()).isEqualTo("urn:negotiation-timeline:problem:unauthorized");
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void a_write_with_a_wrong_token_is_a_401() throws Exception {
        HttpResponse<String> wrong = post("/api/negotiations/" + nid + "/events", "not-the-token", parisSummit("b"));

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }

    @Test
    void a_batch_without_a_token_is_a_401() throws Exception {
        HttpResponse<String> noToken = post("/api/negotiations/" + nid + "/events/batch", null,
                batch(List.of(parisSummit("many-0"))));

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(eventsStoredFor(nid)).isEqualTo(BASELINE);
    }
}
