package org.negotiationtimeline.timeline.dataset;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.negotiationtimeline.timeline.negotiation.ActorRegistered;
import org.negotiationtimeline.timeline.negotiation.Claim;
import org.negotiationtimeline.timeline.negotiation.DevelopmentRecorded;
import org.negotiationtimeline.timeline.negotiation.DevelopmentType;
import org.negotiationtimeline.timeline.negotiation.Precision;
import org.negotiationtimeline.timeline.negotiation.Provision;
import org.negotiationtimeline.timeline.negotiation.ProvisionStatus;
import org.negotiationtimeline.timeline.negotiation.ProvisionStatusChanged;
import org.negotiationtimeline.timeline.negotiation.TextAvailability;
import org.negotiationtimeline.timeline.negotiation.VersionAdded;
import org.negotiationtimeline.timeline.negotiation.VersionStatus;
import org.negotiationtimeline.timeline.negotiation.SourceRef;
import org.negotiationtimeline.timeline.web.WriteToken;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bundled dataset, loaded the way the embedded default loads it (through the API at start-up),
 * checked against the checklist derived from the two seed articles (docs/dataset.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UkraineDatasetTest {

    private static final String UKRAINE = "ukraine-peace-2025";
    private static final String SEED_000 = "000_ea396f7a82a19f71.txt";
    private static final String SEED_001 = "001_4c1616e0ff1b72e1.txt";
    private static final String DATASET = "datasets/ukraine-peace-2025.jsonl";

    @DynamicPropertySource
    static void embeddedDefaultsWithTheDataset(DynamicPropertyRegistry registry) throws IOException {
        registry.add("timeline.data-dir", Files.createTempDirectory("dataset-test")::toString);
        registry.add("timeline.kafka.embedded.port", () -> 0);
        registry.add("timeline.kafka.embedded.controller-port", () -> 0);
        registry.add("timeline.dataset", () -> "classpath:" + DATASET);
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    WriteToken token;
    @LocalServerPort
    int port;

    private List<Object> stored;
    private List<DevelopmentRecorded> developments;

    @BeforeAll
    void readTheStoredStream() {
        stored = eventStore.readEvents(UKRAINE).asStream().map(m -> (Object) m.getPayload()).toList();
        developments = stored.stream().filter(DevelopmentRecorded.class::isInstance).map(DevelopmentRecorded.class::cast).toList();
    }

    @Test
    void every_development_type_the_articles_report_is_there_in_the_checklisted_numbers() {
        Map<DevelopmentType, Long> byType = developments.stream().collect(groupingBy(DevelopmentRecorded::type, counting()));

        assertThat(byType).containsExactlyInAnyOrderEntriesOf(Map.of(
                DevelopmentType.MEETING, 7L, DevelopmentType.STATEMENT, 16L, DevelopmentType.POSITION, 13L,
                DevelopmentType.SANCTIONS, 1L, DevelopmentType.APPOINTMENT, 1L, DevelopmentType.REPORT, 17L,
                DevelopmentType.OTHER, 1L));
        assertThat(stored.stream().filter(ActorRegistered.class::isInstance)).hasSize(34);
        assertThat(developments.stream().mapToLong(d -> d.claims().size()).sum()).isEqualTo(12);
    }

    @Test
    void both_reports_of_the_force_size_are_kept_side_by_side_with_their_sources() {
        assertThat(claimsOn("reassurance-force.troops")).extracting(c -> c.claim().value(), c -> c.source().ref(), c -> c.source().via())
                .containsExactlyInAnyOrder(
                        tuple(Map.of("min", 15000, "max", 30000), SEED_000, "Radio Free Europe/Radio Liberty"),
                        tuple(Map.of("min", 15000, "max", 20000), SEED_001, null));
    }

    @Test
    void both_first_names_of_ukraines_chief_negotiator_are_kept_and_he_is_one_actor() {
        assertThat(claimsOn("umerov.first-name")).extracting(c -> c.claim().value(), c -> c.source().ref())
                .containsExactlyInAnyOrder(tuple("Rustem", SEED_000), tuple("Ruslan", SEED_001));
        assertThat(stored.stream().filter(ActorRegistered.class::isInstance).map(ActorRegistered.class::cast)
                .filter(a -> a.name().contains("Umerov"))).hasSize(1);
    }

    @Test
    void every_fact_cites_its_article_and_only_the_outlet_the_text_supports() {
        for (DevelopmentRecorded d : developments) {
            assertThat(d.sources()).as(d.eventId()).isNotEmpty().allSatisfy(source -> {
                assertThat(source.ref()).as(d.eventId()).isIn(SEED_000, SEED_001);
                // Seed 000 never names its own publisher; seed 001 is RFE/RL's.
                assertThat(source.outlet()).as(d.eventId())
                        .isEqualTo(source.ref().equals(SEED_000) ? "unnamed publisher" : "RFE/RL");
            });
        }
        assertThat(developments.stream().flatMap(d -> d.sources().stream()).map(SourceRef::via).filter(Objects::nonNull))
                .contains("Reuters", "AFP", "Bloomberg", "Sky News", "Politico", "Suspilne");
    }

    @Test
    void dates_carry_the_precision_the_articles_give() {
        assertThat(development("2025-11-trump-presses-28-point-plan").occurred().precision()).isEqualTo(Precision.MONTH);
        assertThat(development("2026-01-03-national-security-advisers-meeting").occurred().precision()).isEqualTo(Precision.INTERVAL);
        assertThat(development("2026-01-06-zelensky-macron-elysee-talks").occurred().precision()).isEqualTo(Precision.PART_OF_DAY);
        assertThat(development("2026-01-06-zelensky-macron-elysee-talks").occurred().text()).isEqualTo("around midday");
        assertThat(development("suspilne-summit-under-way").occurred().precision()).isEqualTo(Precision.MINUTE);
        assertThat(development("suspilne-summit-under-way").occurred().earliest().toString()).isEqualTo("2026-01-06T14:45:00Z");
        assertThat(development("2026-01-06-paris-summit").occurred().precision()).isEqualTo(Precision.DAY);
    }

    @Test
    void the_three_drafts_are_there_with_what_is_known_of_their_text() {
        List<VersionAdded> versions = stored.stream().filter(VersionAdded.class::isInstance).map(VersionAdded.class::cast).toList();

        assertThat(versions).extracting(VersionAdded::documentId, VersionAdded::textAvailable, VersionAdded::reportedProvisionCount)
                .containsExactly(
                        tuple("us-28-point-plan", TextAvailability.REPORTED_ONLY, 28),
                        tuple("20-point-framework", TextAvailability.REPORTED_ONLY, 20),
                        tuple("paris-draft-joint-statement", TextAvailability.PARTIAL, null));
        VersionAdded paris = versions.get(2);
        assertThat(paris.status()).isEqualTo(VersionStatus.SUBJECT_TO_CHANGE);
        assertThat(paris.provisions()).extracting(Provision::id).containsExactly("binding-commitments",
                "us-led-ceasefire-monitoring", "us-support-for-multinational-force", "reassurance-measures", "us-ukraine-subgroup");
        assertThat(paris.sources()).extracting(SourceRef::via).contains("Reuters", "AFP", "Sky News");
        // Nothing is invented: a text the articles do not give stays unknown.
        assertThat(versions.get(1).provisions()).allSatisfy(p -> assertThat(p.text()).isNull());
        assertThat(stored.stream().filter(ProvisionStatusChanged.class::isInstance).map(ProvisionStatusChanged.class::cast))
                .extracting(ProvisionStatusChanged::provisionId, ProvisionStatusChanged::status, ProvisionStatusChanged::by)
                .containsExactly(
                        tuple("bilateral-security-guarantees", ProvisionStatus.AGREED, "zelensky"),
                        tuple("wider-security-guarantees", ProvisionStatus.OPEN, "zelensky"),
                        tuple("donbas", ProvisionStatus.OPEN, null),
                        tuple("zaporizhzhia-npp", ProvisionStatus.DISPUTED, "ukraine"));
    }

    @Test
    void loading_it_again_stores_nothing() throws Exception {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream(DATASET)), StandardCharsets.UTF_8))) {
            DatasetUpload.Result again = new DatasetUpload(URI.create("http://127.0.0.1:" + port), token.value())
                    .upload(DATASET, lines);

            assertThat(again.stored()).isZero();
            assertThat(again.alreadyPresent()).isEqualTo(Files.readAllLines(Path.of("src/main/resources", DATASET)).size());
            assertThat(again.positions()).as("a read with it sees the whole dataset")
                    .containsExactly(UKRAINE + ":" + (stored.size() - 1));
        }
        assertThat(eventStore.readEvents(UKRAINE).asStream().count()).isEqualTo(stored.size());
    }

    private record SourcedClaim(Claim claim, SourceRef source) {
    }

    /** Claims on a subject, each with the (single) source of the development that carries it. */
    private List<SourcedClaim> claimsOn(String subject) {
        return developments.stream().flatMap(d -> d.claims().stream().filter(c -> c.subject().equals(subject))
                .map(c -> {
                    assertThat(d.sources()).as("claims sit on single-source developments: " + d.eventId()).hasSize(1);
                    return new SourcedClaim(c, d.sources().get(0));
                })).toList();
    }

    private DevelopmentRecorded development(String eventId) {
        return developments.stream().filter(d -> d.eventId().equals(eventId)).findFirst().orElseThrow(
                () -> new AssertionError("no development " + eventId));
    }
}
