package org.negotiationtimeline.timeline.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.timeline.EmbeddedDefaults;
import org.negotiationtimeline.timeline.TimelineApplication;
import org.negotiationtimeline.timeline.kafka.KafkaConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service will not publish into a topic that holds another history: a second timeline-service
 * with an empty event store (a wiped ./data/timeline) on the first one's broker refuses to start,
 * naming the events it lacks, while the store that published them passes the check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TopicHistoryCheckTest {

    private static final String TOKEN = "topic-history-test-" + UUID.randomUUID();

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) throws IOException {
        EmbeddedDefaults.register(registry, "timeline-topic-history-test", TOKEN);
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaConnection kafka;
    @Autowired
    TimelineEventsTopic topic;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PublisherLag publisherLag;

    @Test
    void a_store_that_lacks_the_topics_newest_events_may_not_publish_into_it() throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/negotiations"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"published\", \"title\": \"t\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> publisherLag.lag() == 0);

        new TopicHistoryCheck(kafka.bootstrapServers(), topic.name(), jdbc).verify();

        Path wiped = Files.createTempDirectory("timeline-wiped-store");
        assertThatThrownBy(() -> new SpringApplicationBuilder(TimelineApplication.class).run(
                "--server.port=0", "--timeline.data-dir=" + wiped, "--timeline.dataset=",
                "--timeline.write-token=" + TOKEN, "--timeline.kafka.bootstrap-servers=" + kafka.bootstrapServers()).close())
                .rootCause()
                .isInstanceOf(TopicHistoryCheck.HistoriesDisagree.class)
                .hasMessageContaining("holds events this event store does not have");
    }
}
