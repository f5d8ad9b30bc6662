package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.Occurrence.atMinute;
import static org.negotiationtimeline.projection.fixture.Occurrence.betweenDays;
import static org.negotiationtimeline.projection.fixture.Occurrence.inMonth;
import static org.negotiationtimeline.projection.fixture.Occurrence.onDay;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.ProjectionApi;
import org.negotiationtimeline.projection.fixture.TimelineEvents.DevelopmentRecorded;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The views are disposable: a second service with an empty database rebuilds them from the topic alone. */
class RebuildFromTopicTest extends ProjectionServiceTestBase {

    private static final String PEACE = "ukraine-peace-2025";
    private static final String SANCTIONS = "eu-sanctions-package-20";
    /** On the day of the summit, before the declaration's minute: one development still uncertain. */
    private static final String STATE = "/api/negotiations/" + PEACE + "/state?at=2026-01-06T12:00:00Z&knownAt=2026-01-08";

    @Test
    void a_service_with_an_empty_database_rebuilds_exactly_the_same_views_from_the_topic() {
        DevelopmentRecorded summit = developmentRecorded(PEACE, "paris-summit").ofType("MEETING")
                .occurred(onDay("2026-01-06").saying("on Tuesday")).titled("Coalition of the Willing meets in Paris")
                .summarised("Leaders discuss a multinational force.")
                .withActor("macron", "HOST").withActor("zelensky", "PARTICIPANT")
                .onTopics("reassurance-force", "security-guarantees")
                .reportedBy(source("The Guardian").published("2026-01-06T19:30:00Z").ref("guardian-2026-01-06.md"))
                .recordedAt("2026-01-07T10:00:00Z").atSequence(1);
        topic.publish(
                negotiationStarted(PEACE).titled("Ending Russia's war on Ukraine").describedAs("28 points, then 20")
                        .recordedAt("2026-01-07T09:00:00Z").atSequence(0),
                summit,
                developmentRecorded(PEACE, "us-28-point-plan").ofType("POSITION").occurred(inMonth("2025-11"))
                        .withActor("united-states", "PARTICIPANT").onTopics("territory")
                        .holding("united-states", "PROPOSES", "territory")
                        .reportedBy(source("Kyiv Independent").via("Axios"))
                        .recordedAt("2026-01-07T10:05:00Z").atSequence(2),
                summit, // redelivered by the publisher
                developmentRecorded(PEACE, "geneva-talks").ofType("MEETING").occurred(betweenDays("2025-11-23", "2025-11-24"))
                        .claiming("plan.points", 19)
                        .withActor("ukraine", "PARTICIPANT").recordedAt("2026-01-07T10:10:00Z").atSequence(3),
                negotiationStarted(SANCTIONS).titled("EU 20th sanctions package").recordedAt("2026-01-07T11:00:00Z").atSequence(0),
                developmentRecorded(SANCTIONS, "commission-proposal").ofType("SANCTIONS")
                        .occurred(atMinute("2026-01-08T12:00+01:00").saying("around midday"))
                        .withActor("european-commission", "SPEAKER").onTopics("energy")
                        .recordedAt("2026-01-08T12:30:00Z").atSequence(1),
                developmentRecorded(PEACE, "paris-declaration").ofType("STATEMENT").occurred(atMinute("2026-01-06T15:45+01:00"))
                        .withActor("macron", "SPEAKER").recordedAt("2026-01-07T10:15:00Z").atSequence(4));

        eventually(() -> {
            assertThat(api.negotiation(PEACE).path("developmentCount").asLong()).isEqualTo(4);
            assertThat(api.negotiation(SANCTIONS).path("developmentCount").asLong()).isEqualTo(1);
        });
        JsonNode negotiations = api.negotiations();
        JsonNode peaceTimeline = api.timeline(PEACE);
        JsonNode sanctionsTimeline = api.timeline(SANCTIONS);
        assertThat(peaceTimeline).hasSize(4);
        JsonNode peaceState = api.get(STATE).ok();
        assertThat(peaceState.get("claims")).hasSize(1);
        assertThat(peaceState.get("positions")).hasSize(1);
        assertThat(peaceState.get("uncertain")).hasSize(1);

        try (ConfigurableApplicationContext rebuilt = startAnotherServiceWithAnEmptyDatabase()) {
            ProjectionApi rebuiltApi = ProjectionApi.atPort(((WebServerApplicationContext) rebuilt).getWebServer().getPort());

            eventually(() -> {
                assertThat(rebuiltApi.negotiation(PEACE).path("developmentCount").asLong()).isEqualTo(4);
                assertThat(rebuiltApi.negotiation(SANCTIONS).path("developmentCount").asLong()).isEqualTo(1);
            });
            assertThat(rebuiltApi.timeline(PEACE)).isEqualTo(peaceTimeline);
            assertThat(rebuiltApi.timeline(SANCTIONS)).isEqualTo(sanctionsTimeline);
            assertThat(rebuiltApi.negotiations()).isEqualTo(negotiations);
            assertThat(rebuiltApi.get(STATE).ok()).isEqualTo(peaceState);
        }
    }

    /** The same application, its own empty in-memory database, its own consumer group, the same topic. */
    private static ConfigurableApplicationContext startAnotherServiceWithAnEmptyDatabase() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return new SpringApplicationBuilder(ProjectionApplication.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:mem:rebuilt-views-" + run + ";DB_CLOSE_DELAY=-1",
                "--projection.kafka.bootstrap-servers=" + broker().getBrokersAsString(),
                "--projection.kafka.group-id=projection-rebuild-" + run);
    }
}
