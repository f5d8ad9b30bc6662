package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * What an operator scrapes: the lag behind the topic and the dead letters as Prometheus gauges,
 * Kafka's consumer metrics beside them, and readiness that is ready once the views caught up.
 */
@AutoConfigureObservability(tracing = false)
class MonitoringTest extends ProjectionServiceTestBase {

    @Test
    void the_lag_and_the_dead_letters_are_gauges_and_readiness_follows_the_lag() throws Exception {
        topic.publish(negotiationStarted("monitored").atSequence(0),
                developmentRecorded("monitored", "monitored-1").atSequence(1),
                developmentRecorded("monitored", "unreadable").atSequence(2).withRawValue("{not json"));

        eventually(() -> assertThat(gauge("projection_dead_letters_records")).isEqualTo(1.0));
        eventually(() -> assertThat(gauge("projection_lag_records")).isZero());
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(gauge("projection_stream_subscribers")).isZero();
        // Replaying the dead letters holds the consumer: not open to anyone unless turned on.
        int replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/deadletters")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(replay).isIn(404, 405);
        assertThat(gauge("projection_dead_letters_records")).as("nothing replayed").isEqualTo(1.0);
        assertThat(api.get("/actuator/health").json().at("/components/projectionLag/status").asText()).isEqualTo("UP");
    }

    @LocalServerPort
    int port;

    private double gauge(String name) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).header("Accept", "text/plain").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " among "
                        + metrics.lines().filter(l -> !l.startsWith("#")).limit(15).toList()));
    }
}
