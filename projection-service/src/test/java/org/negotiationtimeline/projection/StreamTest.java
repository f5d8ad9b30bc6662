package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.Occurrence.onDay;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.eventIds;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentCorrected;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRetracted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.negotiationtimeline.projection.fixture.ProjectionApi;
import org.negotiationtimeline.projection.fixture.SmallSocketBuffers;
import org.negotiationtimeline.projection.fixture.StreamClient;
import org.negotiationtimeline.projection.fixture.StreamClient.Message;
import org.negotiationtimeline.projection.fixture.TimelineEvents.DevelopmentRecorded;
import org.negotiationtimeline.projection.stream.StreamHub;
import org.negotiationtimeline.projection.stream.StreamLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code GET /api/stream} over real HTTP, fed through the real topic. Only commits wake the
 * streams here (the table is not polled), with small pages, a small in-memory tail and a small
 * per-subscriber buffer, so that catching up crosses from the table to memory and back; and small
 * socket buffers, so that a client that stops reading holds its stream back soon.
 */
@Import(SmallSocketBuffers.class)
@TestPropertySource(properties = {
        "projection.stream.heartbeat=300ms",
        "projection.stream.poll-interval=1h",
        "projection.stream.page-size=4",
        "projection.stream.tail-size=8",
        "projection.stream.max-buffered=8KB"})
class StreamTest extends ProjectionServiceTestBase {

    @LocalServerPort
    private int port;

    @Autowired
    private StreamHub hub;

    @Autowired
    private StreamLog streamLog;

    @Value("${spring.datasource.url}")
    private String databaseUrl;

    @Test
    void without_a_position_a_stream_starts_live_and_delivers_each_new_development_once_in_order() {
        String nid = "live-talks";
        topic.publish(negotiationStarted(nid).atSequence(0), developmentRecorded(nid, "before-subscribing").atSequence(1));
        eventually(() -> assertThat(eventIds(api.timeline(nid))).containsExactly("before-subscribing"));

        try (StreamClient stream = subscribe("negotiation=" + nid)) {
            topic.publish(
                    developmentRecorded(nid, "live-summit").ofType("MEETING").occurred(onDay("2026-01-06"))
                            .withActor("macron", "HOST").onTopics("security-guarantees").atSequence(2),
                    developmentRecorded(nid, "live-declaration").ofType("STATEMENT").withActor("macron", "SPEAKER").atSequence(3),
                    developmentRecorded(nid, "live-report").ofType("REPORT").atSequence(4));

            List<Message> received = stream.next(3);

            assertThat(received).extracting(Message::eventId).containsExactly("live-summit", "live-declaration", "live-report");
            assertThat(received).extracting(Message::event).containsOnly("development");
            assertIncreasing(received);
            assertThat(stream.lastEventId()).isEqualTo(received.get(2).id());
            JsonNode timeline = api.timeline(nid);
            for (Message message : received) {
                ObjectNode data = (ObjectNode) message.json();
                assertThat(data.remove("negotiationId").asText()).isEqualTo(nid);
                assertThat(data).as("the timeline item").isEqualTo(item(timeline, message.eventId()));
            }

            topic.publish(developmentRecorded(nid, "live-next").atSequence(5));
            assertThat(stream.next().eventId()).as("nothing repeated before it").isEqualTo("live-next");
        }
    }

    @Test
    void a_client_that_reconnects_with_its_last_event_id_gets_each_missed_development_once_in_order_then_live() {
        String nid = "resumed-talks";
        topic.publish(negotiationStarted(nid).atSequence(0));
        eventually(() -> api.negotiation(nid));
        String resumeFrom;
        try (StreamClient stream = subscribe("negotiation=" + nid)) {
            topic.publish(developmentRecorded(nid, "resumed-a").atSequence(1), developmentRecorded(nid, "resumed-b").atSequence(2));
            assertThat(stream.next(2)).extracting(Message::eventId).containsExactly("resumed-a", "resumed-b");
            resumeFrom = stream.lastEventId();
        }
        // Missed while disconnected:
        topic.publish(developmentRecorded(nid, "resumed-c").atSequence(3), developmentRecorded(nid, "resumed-d").atSequence(4),
                developmentRecorded(nid, "resumed-e").atSequence(5));
        eventually(() -> assertThat(eventIds(api.timeline(nid))).contains("resumed-e"));

        try (StreamClient resumed = StreamClient.open(port, "/api/stream?negotiation=" + nid).lastEventId(resumeFrom).connect()) {
            List<Message> missed = resumed.next(3);
            assertThat(missed).extracting(Message::eventId).containsExactly("resumed-c", "resumed-d", "resumed-e");
            assertThat(missed.get(0).position()).isGreaterThan(Long.parseLong(resumeFrom));

            topic.publish(developmentRecorded(nid, "resumed-f").atSequence(6));
            assertThat(resumed.next().eventId()).as("live after the missed ones, none twice").isEqualTo("resumed-f");
        }

        try (StreamClient after = subscribe("negotiation=" + nid + "&after=" + resumeFrom)) {
            assertThat(after.untilEventId("resumed-f")).extracting(Message::eventId).containsExactly("resumed-c", "resumed-d", "resumed-e", "resumed-f");
        }
    }

    @Test
    void from_beginning_replays_the_history_then_goes_on_live_without_a_gap_or_a_duplicate_at_the_seam() {
        String nid = "long-history";
        List<String> history = IntStream.rangeClosed(1, 60).mapToObj(i -> "history-" + i).toList();
        topic.publish(negotiationStarted(nid).atSequence(0));
        for (int i = 0; i < history.size(); i++) {
            topic.publish(sizeable(developmentRecorded(nid, history.get(i))).atSequence(i + 1));
        }
        eventually(() -> assertThat(api.timeline(nid)).hasSize(history.size()));
        long endOfHistory = streamLog.head();

        try (StreamClient stream = StreamClient.open(port, "/api/stream?negotiation=" + nid + "&from=beginning")
                .receiveBuffer(2048).connect()) {
            List<Message> received = new ArrayList<>(List.of(stream.next()));
            stream.pause();
            // New developments commit while the subscriber is still reading the history.
            List<String> during = List.of("during-1", "during-2", "during-3");
            for (int i = 0; i < during.size(); i++) {
                topic.publish(developmentRecorded(nid, during.get(i)).atSequence(history.size() + 1 + i));
            }
            eventually(() -> assertThat(eventIds(api.timeline(nid))).contains("during-3"));
            assertThat(stateOf(nid).position()).as("still catching up when they arrived: %s", stateOf(nid)).isLessThan(endOfHistory);

            stream.resume();
            received.addAll(stream.untilEventId("during-3"));

            List<String> expected = new ArrayList<>(history);
            expected.addAll(during);
            assertThat(received).extracting(Message::eventId).containsExactlyElementsOf(expected);
            assertIncreasing(received);

            topic.publish(developmentRecorded(nid, "after-the-seam").atSequence(history.size() + during.size() + 1));
            assertThat(stream.next().eventId()).isEqualTo("after-the-seam");
        }
    }

    @Test
    void filters_keep_what_matches_the_negotiation_the_types_the_actor_and_the_topic() {
        String talks = "filtered-talks";
        String other = "other-talks";
        topic.publish(negotiationStarted(talks).atSequence(0), negotiationStarted(other).atSequence(0));
        eventually(() -> {
            api.negotiation(talks);
            api.negotiation(other);
        });

        try (StreamClient byNegotiation = subscribe("negotiation=" + talks);
             StreamClient byTypes = subscribe("negotiation=" + talks + "&type=MEETING&type=STATEMENT");
             StreamClient byActor = subscribe("actor=macron");
             StreamClient byTopic = subscribe("topic=energy");
             StreamClient everything = subscribe("")) {
            topic.publish(
                    developmentRecorded(talks, "filtered-meeting").ofType("MEETING").withActor("macron", "HOST").onTopics("security").atSequence(1),
                    developmentRecorded(talks, "filtered-statement").ofType("STATEMENT").withActor("zelensky", "SPEAKER").onTopics("energy").atSequence(2),
                    developmentRecorded(talks, "filtered-report").ofType("REPORT").withActor("macron", "SUBJECT").onTopics("energy").atSequence(3),
                    developmentRecorded(other, "other-meeting").ofType("MEETING").withActor("macron", "HOST").onTopics("territory").atSequence(1),
                    developmentRecorded(other, "other-sanctions").ofType("SANCTIONS").withActor("von-der-leyen", "SPEAKER").onTopics("energy").atSequence(2),
                    // Both last ones match every filter.
                    developmentRecorded(talks, "filtered-closing").ofType("MEETING").withActor("macron", "HOST").onTopics("energy").atSequence(4),
                    developmentRecorded(other, "other-closing").ofType("MEETING").withActor("macron", "HOST").onTopics("energy").atSequence(3));

            assertThat(byNegotiation.untilEventId("filtered-closing")).extracting(Message::eventId)
                    .containsExactly("filtered-meeting", "filtered-statement", "filtered-report", "filtered-closing");
            assertThat(byTypes.untilEventId("filtered-closing")).extracting(Message::eventId)
                    .containsExactly("filtered-meeting", "filtered-statement", "filtered-closing");
            // Across negotiations the order is the order applied, which is per negotiation as published.
            assertThat(untilBoth(byActor, "filtered-closing", "other-closing")).extracting(Message::eventId)
                    .containsExactlyInAnyOrder("filtered-meeting", "filtered-report", "other-meeting", "filtered-closing", "other-closing")
                    .containsSubsequence("filtered-meeting", "filtered-report", "filtered-closing")
                    .containsSubsequence("other-meeting", "other-closing");
            assertThat(untilBoth(byTopic, "filtered-closing", "other-closing")).extracting(Message::eventId)
                    .containsExactlyInAnyOrder("filtered-statement", "filtered-report", "other-sanctions", "filtered-closing", "other-closing");
            assertThat(untilBoth(everything, "filtered-closing", "other-closing")).extracting(Message::eventId)
                    .containsExactlyInAnyOrder("filtered-meeting", "filtered-statement", "filtered-report", "other-meeting", "other-sanctions", "filtered-closing",
                            "other-closing");
        }
    }

    @Test
    void corrections_and_retractions_are_messages_of_their_own_naming_the_development_they_change() {
        String nid = "amended-talks";
        topic.publish(negotiationStarted(nid).atSequence(0));
        eventually(() -> api.negotiation(nid));

        try (StreamClient all = subscribe("negotiation=" + nid);
             StreamClient meetings = subscribe("negotiation=" + nid + "&type=MEETING")) {
            topic.publish(
                    developmentRecorded(nid, "amended-talks").ofType("MEETING").titled("Talks on Monday").atSequence(1),
                    developmentCorrected(nid, "fix-talks", "amended-talks").retitled("Talks in Paris").because("the place").atSequence(2),
                    developmentCorrected(nid, "was-a-statement", "amended-talks").retyped("STATEMENT").because("no meeting").atSequence(3),
                    developmentRecorded(nid, "amended-rumour").ofType("REPORT").atSequence(4),
                    developmentRetracted(nid, "withdrawn", "amended-rumour").atSequence(5),
                    developmentRecorded(nid, "amended-closing").ofType("MEETING").atSequence(6));

            List<Message> received = all.untilEventId("amended-closing");
            assertThat(received).extracting(Message::event).containsExactly(
                    "development", "correction", "correction", "development", "retraction", "development");
            assertThat(received).extracting(Message::eventId).containsExactly(
                    "amended-talks", "amended-talks", "amended-talks", "amended-rumour", "amended-rumour", "amended-closing");

            JsonNode correction = received.get(1).json();
            assertThat(correction.path("negotiationId").asText()).isEqualTo(nid);
            assertThat(correction.at("/amendment/kind").asText()).isEqualTo("CORRECTION");
            assertThat(correction.at("/amendment/id").asText()).isEqualTo("fix-talks");
            assertThat(correction.at("/amendment/reason").asText()).isEqualTo("the place");
            assertThat(correction.at("/amendment/set/title").asText()).isEqualTo("Talks in Paris");
            assertThat(correction.at("/amendment/recordedAt").asText()).isEqualTo("2026-01-07T09:02:00Z");
            assertThat(correction.at("/current/title").asText()).isEqualTo("Talks in Paris");
            assertThat(correction.at("/current/type").asText()).isEqualTo("MEETING");
            assertThat(correction.at("/current/corrected").asBoolean()).isTrue();
            assertThat(received.get(2).json().at("/current/type").asText()).isEqualTo("STATEMENT");
            JsonNode retraction = received.get(4).json();
            assertThat(retraction.at("/amendment/kind").asText()).isEqualTo("RETRACTION");
            assertThat(retraction.at("/amendment/id").asText()).isEqualTo("withdrawn");
            assertThat(retraction.at("/current/retracted").asBoolean()).isTrue();
            assertThat(retraction.path("current")).isEqualTo(api.get("/api/events/amended-rumour").ok().path("current"));

            // A MEETING subscriber is told that the meeting became a statement, though it no longer matches.
            List<Message> aboutMeetings = meetings.untilEventId("amended-closing");
            assertThat(aboutMeetings).extracting(Message::event)
                    .containsExactly("development", "correction", "correction", "development");
            assertThat(aboutMeetings.get(2).json().at("/amendment/id").asText()).isEqualTo("was-a-statement");
        }
    }

    @Test
    void a_stream_names_its_starting_position_and_idle_streams_get_keep_alive_comments() {
        long head = streamLog.head();
        try (StreamClient stream = subscribe("")) {
            eventually(() -> assertThat(stream.comments()).contains("keep-alive"));
            assertThat(stream.lastEventId()).as("set by an id without data").isEqualTo(Long.toString(head));
            assertThat(stream.header("Cache-Control")).isEqualTo("no-cache");
        }
        try (StreamClient stream = subscribe("from=beginning")) {
            eventually(() -> assertThat(stream.comments()).contains("keep-alive"));
        }
    }

    @Test
    void bad_parameters_are_problems_naming_the_parameter() {
        topic.publish(negotiationStarted("known-for-problems").atSequence(0));
        eventually(() -> api.negotiation("known-for-problems"));

        assertProblem("type=MEETING&type=NOPE", 400, "type");
        assertProblem("after=yesterday", 400, "after");
        assertProblem("after=-1", 400, "after");
        assertProblem("after=" + (streamLog.head() + 1000), 400, "after");
        assertProblem("from=yesterday", 400, "from");
        assertProblem("from=beginning&after=0", 400, "from");
        assertProblem("negotiaton=known-for-problems", 400, "negotiaton");
        assertProblem("type=MEETING&limit=5", 400, "limit");
        assertProblem("after=1&after=2", 400, "after");
        JsonNode unknown = problem("negotiation=never-tracked", 404);
        assertThat(unknown.path("type").asText()).isEqualTo("urn:negotiation-timeline:problem:not-found");
    }

    @Test
    void a_client_resumes_exactly_where_it_was_after_the_service_restarted(@TempDir Path directory) {
        String nid = "restarted-stream";
        String database = "jdbc:h2:file:" + directory.resolve("views") + ";DB_CLOSE_ON_EXIT=FALSE";
        String group = "stream-restart-" + UUID.randomUUID();
        topic.publish(negotiationStarted(nid).atSequence(0), developmentRecorded(nid, "restarted-a").atSequence(1));

        String resumeFrom;
        try (ConfigurableApplicationContext service = startService(database, group)) {
            eventually(() -> assertThat(eventIds(apiOf(service).timeline(nid))).containsExactly("restarted-a"));
            try (StreamClient stream = StreamClient.open(portOf(service), "/api/stream?negotiation=" + nid + "&from=beginning").connect()) {
                assertThat(stream.next().eventId()).isEqualTo("restarted-a");
                resumeFrom = stream.lastEventId();
            }
            // Missed before the restart: after it, only the table has it.
            topic.publish(developmentRecorded(nid, "restarted-b").atSequence(2));
            eventually(() -> assertThat(eventIds(apiOf(service).timeline(nid))).contains("restarted-b"));
        }
        // Recorded while the service is down:
        topic.publish(developmentRecorded(nid, "restarted-c").atSequence(3), developmentRecorded(nid, "restarted-d").atSequence(4));

        try (ConfigurableApplicationContext service = startService(database, group)) {
            eventually(() -> assertThat(eventIds(apiOf(service).timeline(nid))).contains("restarted-d"));
            try (StreamClient stream = StreamClient.open(portOf(service), "/api/stream?negotiation=" + nid)
                    .lastEventId(resumeFrom).connect()) {
                assertThat(stream.next(3)).extracting(Message::eventId).containsExactly("restarted-b", "restarted-c", "restarted-d");
                topic.publish(developmentRecorded(nid, "restarted-e").atSequence(5));
                assertThat(stream.next().eventId()).as("then live, none twice").isEqualTo("restarted-e");
            }
        }
    }

    @Test
    void an_instance_sharing_the_database_streams_what_another_one_writes() {
        String nid = "shared-views";
        topic.publish(negotiationStarted(nid).atSequence(0));
        eventually(() -> api.negotiation(nid));

        // It consumes another topic: everything it streams was written by this test's service.
        try (ConfigurableApplicationContext reader = startService(databaseUrl, "stream-reader-" + UUID.randomUUID(),
                "--projection.kafka.topic=unused-" + UUID.randomUUID(), "--projection.stream.poll-interval=100ms");
             StreamClient stream = StreamClient.open(portOf(reader), "/api/stream?negotiation=" + nid).connect()) {
            topic.publish(developmentRecorded(nid, "written-elsewhere").atSequence(1),
                    developmentRecorded(nid, "also-written-elsewhere").atSequence(2));

            assertThat(stream.next(2)).extracting(Message::eventId).containsExactly("written-elsewhere", "also-written-elsewhere");
        }
    }

    // ---- helpers

    private StreamClient subscribe(String query) {
        return StreamClient.open(port, "/api/stream" + (query.isEmpty() ? "" : "?" + query)).connect();
    }

    private StreamHub.SubscriptionState stateOf(String negotiationId) {
        return hub.subscriptions().stream()
                .filter(state -> negotiationId.equals(state.filter().negotiationId()))
                .findFirst().orElseThrow(() -> new AssertionError("no open stream of " + negotiationId));
    }

    /** A development with a long summary, so that a few dozen fill the buffers between server and client. */
    private static DevelopmentRecorded sizeable(DevelopmentRecorded development) {
        return development.summarised("A long account of the talks. ".repeat(60));
    }

    private static List<Message> untilBoth(StreamClient stream, String first, String second) {
        List<Message> received = new ArrayList<>();
        while (received.stream().noneMatch(m -> m.eventId().equals(first))
                || received.stream().noneMatch(m -> m.eventId().equals(second))) {
            received.add(stream.next());
        }
        return received;
    }

    private static void assertIncreasing(List<Message> messages) {
        for (int i = 1; i < messages.size(); i++) {
            assertThat(messages.get(i).position()).as("position of message %d", i).isGreaterThan(messages.get(i - 1).position());
        }
    }

    private static JsonNode item(JsonNode timeline, String eventId) {
        return StreamSupport.stream(timeline.spliterator(), false).filter(item -> item.path("eventId").asText().equals(eventId))
                .findFirst().orElseThrow(() -> new AssertionError("no " + eventId + " in the timeline"));
    }

    private void assertProblem(String query, int status, String field) {
        JsonNode problem = problem(query, status);
        assertThat(problem.path("type").asText()).isEqualTo("urn:negotiation-timeline:problem:validation");
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo(field);
    }

    /** The problem answering GET /api/stream?query; fails (rather than waiting forever) if a stream opens instead. */
    private JsonNode problem(String query, int status) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stream?" + query)).GET().build();
        HttpResponse<String> reply;
        CompletableFuture<HttpResponse<String>> sent = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            reply = sent.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new AssertionError("?" + query + " opened a stream instead of answering " + status, e);
        } catch (ExecutionException e) {
            throw new AssertionError("GET /api/stream?" + query + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(reply.statusCode()).as("status of ?%s (body %s)", query, reply.body()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = new ProjectionApi.Reply(query, reply.statusCode(), "", reply.body()).json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    /** The same application on a database of the caller's choice, with its own consumer group. */
    private static ConfigurableApplicationContext startService(String database, String group, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + database,
                "--projection.kafka.bootstrap-servers=" + broker().getBrokersAsString(),
                "--projection.kafka.group-id=" + group,
                "--projection.kafka.max-retry-backoff=2s"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(ProjectionApplication.class).run(args.toArray(String[]::new));
    }

    private static int portOf(ConfigurableApplicationContext service) {
        return ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    private static ProjectionApi apiOf(ConfigurableApplicationContext service) {
        return ProjectionApi.atPort(portOf(service));
    }
}
