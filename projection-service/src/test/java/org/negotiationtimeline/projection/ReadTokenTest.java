package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.security.ReadAccess;
import org.springframework.test.context.TestPropertySource;

/** With projection.read-token set, every read and the stream need it; health does not. */
@TestPropertySource(properties = "projection.read-token=" + ReadTokenTest.TOKEN)
class ReadTokenTest extends ProjectionServiceTestBase {

    static final String TOKEN = "read-token-0123456789abcdef0123456789";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void reads_need_the_read_token_and_health_does_not() throws Exception {
        topic.publish(negotiationStarted("guarded").atSequence(0));
        for (String path : new String[] {"/api/negotiations", "/api/negotiations/guarded/timeline", "/api/compare",
                "/api/stream", "/api/nothing-here"}) {
            for (String authorization : new String[] {null, "Bearer wrong-token-0123456789abcdef0123456789", "Basic " + TOKEN,
                    "Bearer " + TOKEN.substring(1)}) {
                HttpResponse<String> refused = http.send(request(path, authorization).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(refused.statusCode()).as(path + " with " + authorization).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
                assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
                assertThat(refused.body()).contains("\"type\":\"urn:negotiation-timeline:problem:unauthorized\"")
                        .contains("\"instance\":\"" + path + "\"").doesNotContain(TOKEN);
            }
        }
        eventually(() -> assertThat(http.send(request("/api/negotiations/guarded", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200));
        assertThat(http.send(request("/api/negotiations/guarded/timeline?limit=5", "bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(request("/actuator/health", null).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        HttpResponse<InputStream> stream = http.send(request("/api/stream", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        }
    }

    @Test
    void the_web_apps_pages_load_without_the_read_token_and_their_data_does_not() throws Exception {
        for (String path : new String[] {"/", "/n/guarded", "/n/guarded/state", "/d/some-document", "/record", "/app/app.js"}) {
            assertThat(http.send(request(path, null).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as(path).isEqualTo(200);
        }
        assertThat(http.send(request("/api/negotiations", null).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void a_read_token_shorter_than_32_characters_is_refused() {
        assertThatThrownBy(() -> new ReadAccess("0123456789abcdef0123456789abcde")).hasMessageContaining("32");
        assertThat(new ReadAccess("").protectedReads()).isFalse();
        assertThat(new ReadAccess(TOKEN).protectedReads()).isTrue();
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }
}
