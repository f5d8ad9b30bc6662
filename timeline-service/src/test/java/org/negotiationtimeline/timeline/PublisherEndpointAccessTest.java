package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** By default {@code /actuator/publisher} can be read, not acted on: a replay must be turned on by an operator. */
class PublisherEndpointAccessTest extends ServiceTestBase {

    @Test
    void by_default_the_replay_is_off_even_with_the_write_token() throws Exception {
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(uri("/actuator/publisher")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(body(status).path("replaying").asBoolean()).isFalse();

        HttpResponse<String> replay = post("/actuator/publisher/replay", TOKEN, "");
        assertThat(replay.statusCode()).as(replay.body()).isIn(404, 405);
    }
}
