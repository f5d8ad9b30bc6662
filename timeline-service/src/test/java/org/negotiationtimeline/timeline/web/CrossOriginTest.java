package org.negotiationtimeline.timeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web app's Record page posts here from projection-service's origin: a preflight from an
 * allowed origin passes without the token, the write itself still needs it, and an origin not
 * allowed is refused (403 problem) before anything is stored. Requests without {@code Origin}
 * (every non-browser client) are served as before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossOriginTest {

    private static final String TOKEN = "cross-origin-test-" + UUID.randomUUID();
    private static final String WEB_APP = "http://127.0.0.1:8081";
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("timeline-cross-origin-test");
        registry.add("timeline.data-dir", dataDir::toString);
        registry.add("timeline.write-token", () -> TOKEN);
        registry.add("timeline.kafka.embedded.port", () -> 0);
        registry.add("timeline.kafka.embedded.controller-port", () -> 0);
        registry.add("timeline.dataset", () -> "");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static HttpRequest.BodyPublisher negotiation(String id) {
        return HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"title\":\"Cross-origin\"}");
    }

    private static String newId() {
        return "cors-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_preflight_from_the_web_app_passes_without_the_token() throws Exception {
        HttpResponse<String> preflight = send(to("/api/negotiations").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", WEB_APP)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key"));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB_APP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization", "content-type", "idempotency-key");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).contains("600");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void the_write_after_the_preflight_still_needs_the_token() throws Exception {
        String id = newId();
        HttpResponse<String> anonymous = send(to("/api/negotiations").POST(negotiation(id))
                .header("Origin", WEB_APP).header("Content-Type", "application/json"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB_APP);

        HttpResponse<String> written = send(to("/api/negotiations").POST(negotiation(id))
                .header("Origin", WEB_APP).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN));
        assertThat(written.statusCode()).isEqualTo(201);
        assertThat(written.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB_APP);
        assertThat(written.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("Location", "Negotiation-Position");
    }

    @Test
    void another_origin_is_refused_with_a_problem_and_nothing_is_stored() throws Exception {
        String id = newId();
        HttpResponse<String> preflight = send(to("/api/negotiations").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"));
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> refused = send(to("/api/negotiations").POST(negotiation(id))
                .header("Origin", "https://evil.example").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).path("type").asText()).isEqualTo("urn:negotiation-timeline:problem:forbidden");

        // Not stored: the same negotiation, sent without Origin (not a browser), is new.
        HttpResponse<String> plain = send(to("/api/negotiations").POST(negotiation(id))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN));
        assertThat(plain.statusCode()).isEqualTo(201);
        assertThat(plain.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void an_options_request_that_is_not_a_preflight_is_refused() throws Exception {
        // From the web app: OPTIONS is not a method it may use cross-origin.
        HttpResponse<String> options = send(to("/api/negotiations").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", WEB_APP));
        assertThat(options.statusCode()).isEqualTo(403);
        // Without Origin: the token rule, as before.
        HttpResponse<String> plain = send(to("/api/negotiations").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(plain.statusCode()).isEqualTo(401);
    }
}
