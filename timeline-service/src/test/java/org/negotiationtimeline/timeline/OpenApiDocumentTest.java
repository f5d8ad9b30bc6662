package org.negotiationtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * docs/openapi.yaml lists exactly the endpoints timeline-service serves: every controller mapping is
 * documented under the {@code timeline-service} tag, and nothing under that tag is missing from the
 * controllers. Actuator endpoints and Spring's {@code /error} are outside the comparison.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {

    private static final String TAG = "timeline-service";
    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml");
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("timeline-service-openapi-test");
        registry.add("timeline.data-dir", dataDir::toString);
        registry.add("timeline.write-token", () -> "test-token-" + UUID.randomUUID());
        registry.add("timeline.kafka.embedded.port", () -> 0);
        registry.add("timeline.kafka.embedded.controller-port", () -> 0);
        registry.add("timeline.dataset", () -> "");
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @org.springframework.boot.test.web.server.LocalServerPort
    int servedPort;

    /** The service serves this very document, and Swagger UI over it from its WebJar. */
    @Test
    void theServiceServesTheDocumentAndSwaggerUiOverIt() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + servedPort + path)).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        java.net.http.HttpResponse<String> served = get.apply("/openapi.yaml");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(Files.readString(DOCUMENT));
        java.net.http.HttpResponse<String> page = get.apply("/api-docs/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/swagger-ui/swagger-ui-bundle.js");
        assertThat(get.apply("/webjars/swagger-ui/swagger-ui-bundle.js").statusCode()).as("the WebJar, version-less").isEqualTo(200);
        assertThat(get.apply("/api-docs/init.js").body()).contains("'/openapi.yaml'");
    }

    @Test
    void theDocumentListsExactlyTheServicesEndpoints() throws IOException {
        assertThat(documented()).isEqualTo(served());
    }

    private Set<String> served() {
        Set<String> endpoints = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, ?> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String path : info.getPatternValues()) {
                if (path.equals("/error") || path.startsWith("/actuator")) {
                    continue;
                }
                assertThat(methods).as("HTTP methods of %s (a mapping without one answers every method)", info).isNotEmpty();
                for (RequestMethod method : methods) {
                    endpoints.add(method.name() + " " + normalised(path));
                }
            }
        }
        return endpoints;
    }

    private static Set<String> documented() throws IOException {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        assertThat(document.path("openapi").asText()).startsWith("3.1");
        Set<String> endpoints = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/actuator")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (!OPERATIONS.contains(operation.getKey())) {
                    continue;
                }
                for (JsonNode tag : operation.getValue().path("tags")) {
                    if (tag.asText().equals(TAG)) {
                        endpoints.add(operation.getKey().toUpperCase() + " " + normalised(path.getKey()));
                    }
                }
            }
        }
        return endpoints;
    }

    /** Path variables are compared by position only: {@code /a/{nid}} and {@code /a/{id}} are the same endpoint. */
    private static String normalised(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
