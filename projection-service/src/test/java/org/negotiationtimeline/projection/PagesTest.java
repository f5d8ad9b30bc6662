package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.pages.PageSettings;
import org.springframework.test.context.TestPropertySource;

/**
 * The web app's page routes answer one HTML shell that tells the scripts where timeline-service is
 * and allows them to talk to nothing else; the scripts are static resources; other paths are not pages.
 */
@TestPropertySource(properties = "projection.web.timeline-url=https://writes.example.org:8443/")
class PagesTest extends ProjectionServiceTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void every_page_route_answers_the_shell_with_the_timeline_url_and_a_strict_policy() throws Exception {
        for (String path : new String[] {"/", "/n/ukraine-peace-2025", "/n/ukraine-peace-2025?type=MEETING&actor=macron",
                "/n/ukraine-peace-2025/state?at=2026-01-07&knownAt=2026-01-06", "/d/paris-draft-joint-statement", "/record"}) {
            HttpResponse<String> page = get(path);

            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
            assertThat(page.body()).contains("<meta name=\"timeline-url\" content=\"https://writes.example.org:8443\">")
                    .contains("<script type=\"module\" src=\"/app/app.js\"></script>").doesNotContain("__TIMELINE_URL__");
            assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("default-src 'self'", "connect-src 'self' https://writes.example.org:8443", "object-src 'none'");
        }
    }

    @Test
    void the_scripts_are_served_as_javascript_and_other_paths_are_not_pages() throws Exception {
        for (String script : new String[] {"/app/app.js", "/app/timeline.js", "/app/state.js", "/app/drafts.js", "/app/record.js"}) {
            HttpResponse<String> js = get(script);
            assertThat(js.statusCode()).as(script).isEqualTo(200);
            assertThat(js.headers().firstValue("Content-Type")).get().asString().contains("javascript");
        }
        assertThat(get("/app/app.css").statusCode()).isEqualTo(200);
        assertThat(get("/n/ukraine-peace-2025/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/pages/shell.html").statusCode()).isEqualTo(404);
    }

    @Test
    void a_timeline_url_that_is_not_http_is_refused_at_start() {
        assertThatThrownBy(() -> new PageSettings("javascript:alert(1)")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> new PageSettings("not a url")).hasMessageContaining("projection.web.timeline-url");
        assertThat(new PageSettings("http://127.0.0.1:8080/").timelineUrl()).isEqualTo("http://127.0.0.1:8080");
    }
}
