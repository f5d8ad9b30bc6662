package org.negotiationtimeline.timeline.negotiation;

import static org.negotiationtimeline.timeline.negotiation.Developments.NOW;
import static org.negotiationtimeline.timeline.negotiation.Developments.UKRAINE;
import static org.negotiationtimeline.timeline.negotiation.Developments.ukraineStarted;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per kind of provision change and per rejection of a document version. */
class DocumentTest {

    private static final String PLAN = "plan";
    private static final List<SourceRef> SOURCES = List.of(new SourceRef("RFE/RL", null, "2026-01-05", null, null));

    private AggregateTestFixture<Negotiation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Negotiation.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // --- a small language for versions -----------------------------------------------------------

    private static Provision provision(String id, String number, String text, String... derivedFrom) {
        return new Provision(id, number, text, List.of(), null, List.of(derivedFrom));
    }

    private static AddVersion version(String documentId, Integer expectedVersion, Provision... provisions) {
        return new AddVersion(UKRAINE, documentId, "v", Occurred.parse("2025-11", null, null), VersionStatus.DRAFT,
                TextAvailability.FULL, null, expectedVersion, List.of(provisions), SOURCES, "fp-" + Arrays.hashCode(provisions));
    }

    private static VersionAdded added(AddVersion v, int number, ProvisionChange... changes) {
        return new VersionAdded(UKRAINE, v.documentId(), number, v.label(), v.occurred(), v.status(), v.textAvailable(),
                v.reportedProvisionCount(), v.provisions(), List.of(changes), v.sources(), v.requestFingerprint(), NOW);
    }

    private static ProvisionChange change(String provision, ChangeKind kind, String... from) {
        return new ProvisionChange(provision, kind, List.of(from));
    }

    private static DocumentCreated created(String documentId) {
        return new DocumentCreated(UKRAINE, documentId, documentId, DocumentKind.PLAN, NOW);
    }

    /** The plan's first version: point 1 on the ceasefire, 2 on sanctions, 3 on elections. */
    private static final AddVersion FIRST = version(PLAN, null,
            provision("ceasefire", "1", "An immediate ceasefire along the line of contact."),
            provision("sanctions", "2", "Sanctions are lifted in stages."),
            provision("elections", "3", "Elections are held within 100 days."));

    private ResultValidator<Negotiation> whenTheNextVersionIs(AddVersion next) {
        List<Object> history = new ArrayList<>(List.of(ukraineStarted(), created(PLAN),
                added(FIRST, 1, change("ceasefire", ChangeKind.ADDED), change("sanctions", ChangeKind.ADDED),
                        change("elections", ChangeKind.ADDED))));
        return fixture.given(history).when(next);
    }

    private static Matcher<InvalidDevelopmentException> invalid(String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(InvalidDevelopmentException e) {
                return field.equals(e.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("invalid field " + field);
            }
        };
    }

    // --- each kind of change ---------------------------------------------------------------------

    @Test
    void a_first_version_adds_every_provision() {
        fixture.given(ukraineStarted(), created(PLAN))
                .when(FIRST)
                .expectEvents(added(FIRST, 1, change("ceasefire", ChangeKind.ADDED), change("sanctions", ChangeKind.ADDED),
                        change("elections", ChangeKind.ADDED)));
    }

    @Test
    void same_number_same_text_is_unchanged_and_a_new_text_is_amended_and_a_new_provision_added() {
        AddVersion next = version(PLAN, 1,
                provision("ceasefire", "1", "An immediate ceasefire along the line of contact."),
                provision("sanctions", "2", "Sanctions are lifted once a deal is signed."),
                provision("elections", "3", "Elections are held within 100 days."),
                provision("monitoring", "4", "A US-led mechanism monitors the ceasefire."));
        whenTheNextVersionIs(next).expectEvents(added(next, 2,
                change("ceasefire", ChangeKind.UNCHANGED, "plan/ceasefire"),
                change("sanctions", ChangeKind.AMENDED, "plan/sanctions"),
                change("elections", ChangeKind.UNCHANGED, "plan/elections"),
                change("monitoring", ChangeKind.ADDED)));
    }

    @Test
    void the_same_text_under_a_new_number_is_renumbered_and_a_dropped_provision_removed() {
        AddVersion next = version(PLAN, 1,
                provision("ceasefire", "1", "An immediate ceasefire along the line of contact."),
                provision("elections", "2", "Elections are held within 100 days."));
        whenTheNextVersionIs(next).expectEvents(added(next, 2,
                change("ceasefire", ChangeKind.UNCHANGED, "plan/ceasefire"),
                change("elections", ChangeKind.RENUMBERED, "plan/elections"),
                change("sanctions", ChangeKind.REMOVED, "plan/sanctions")));
    }

    @Test
    void several_provisions_becoming_one_is_a_merge() {
        AddVersion next = version(PLAN, 1,
                provision("transition", "1", "A ceasefire, then elections within 100 days.", "ceasefire", "elections"),
                provision("sanctions", "2", "Sanctions are lifted in stages."));
        whenTheNextVersionIs(next).expectEvents(added(next, 2,
                change("transition", ChangeKind.MERGED, "plan/ceasefire", "plan/elections"),
                change("sanctions", ChangeKind.UNCHANGED, "plan/sanctions")));
    }

    @Test
    void one_provision_becoming_several_is_a_split() {
        AddVersion next = version(PLAN, 1,
                provision("ceasefire", "1", "An immediate ceasefire along the line of contact."),
                provision("sanctions-eu", "2", "EU sanctions are lifted in stages.", "sanctions"),
                provision("sanctions-us", "3", "US sanctions are lifted in stages.", "sanctions"),
                provision("elections", "4", "Elections are held within 100 days."));
        whenTheNextVersionIs(next).expectEvents(added(next, 2,
                change("ceasefire", ChangeKind.UNCHANGED, "plan/ceasefire"),
                change("sanctions-eu", ChangeKind.SPLIT, "plan/sanctions"),
                change("sanctions-us", ChangeKind.SPLIT, "plan/sanctions"),
                change("elections", ChangeKind.RENUMBERED, "plan/elections")));
    }

    @Test
    void lineage_may_reach_into_another_document_of_the_negotiation() {
        AddVersion framework = version("framework", null,
                provision("guarantees", "1", "Security guarantees mirroring Article 5."),
                provision("truce", "2", "An immediate ceasefire along the line of contact.", "plan/ceasefire"));
        List<Object> history = new ArrayList<>(List.of(ukraineStarted(), created(PLAN),
                added(FIRST, 1, change("ceasefire", ChangeKind.ADDED), change("sanctions", ChangeKind.ADDED),
                        change("elections", ChangeKind.ADDED)), created("framework")));
        fixture.given(history).when(framework).expectEvents(added(framework, 1,
                change("guarantees", ChangeKind.ADDED),
                change("truce", ChangeKind.RENUMBERED, "plan/ceasefire")));
    }

    @Test
    void an_unknown_text_is_never_called_amended() {
        AddVersion reported = new AddVersion(UKRAINE, PLAN, "reported", Occurred.parse("2025-12", null, null),
                VersionStatus.DRAFT, TextAvailability.REPORTED_ONLY, null, 1,
                List.of(provision("ceasefire", "1", null)), SOURCES, "fp-reported");
        whenTheNextVersionIs(reported).expectEvents(added(reported, 2,
                change("ceasefire", ChangeKind.UNCHANGED, "plan/ceasefire"),
                change("sanctions", ChangeKind.REMOVED, "plan/sanctions"),
                change("elections", ChangeKind.REMOVED, "plan/elections")));
    }

    // --- rejections ------------------------------------------------------------------------------

    @Test
    void a_lineage_reference_to_no_provision_is_refused() {
        whenTheNextVersionIs(version(PLAN, 1, provision("truce", "1", "A truce.", "armistice")))
                .expectNoEvents()
                .expectException(invalid("provisions[0].derivedFrom[0]"));
    }

    @Test
    void a_lineage_naming_one_predecessor_twice_is_refused_in_either_spelling() {
        whenTheNextVersionIs(version(PLAN, 1, provision("truce", "1", "A truce.", "ceasefire", "plan/ceasefire")))
                .expectNoEvents()
                .expectException(invalid("provisions[0].derivedFrom[1]"));
    }

    @Test
    void a_stale_expected_version_is_refused() {
        whenTheNextVersionIs(version(PLAN, 0, provision("ceasefire", "1", "A ceasefire.")))
                .expectNoEvents()
                .expectException(StaleVersionException.class);
    }

    @Test
    void a_provision_id_twice_in_a_version_is_refused() {
        whenTheNextVersionIs(version(PLAN, 1, provision("ceasefire", "1", "A."), provision("ceasefire", "2", "B.")))
                .expectNoEvents()
                .expectException(invalid("provisions[1].id"));
    }

    @Test
    void an_empty_version_is_refused_unless_only_its_gist_is_known() {
        whenTheNextVersionIs(version(PLAN, 1))
                .expectNoEvents()
                .expectException(invalid("provisions"));
        AddVersion gistOnly = new AddVersion(UKRAINE, PLAN, "28-point plan", Occurred.parse("2025-11", null, null),
                VersionStatus.DRAFT, TextAvailability.REPORTED_ONLY, 28, 1, List.of(), SOURCES, "fp-gist");
        whenTheNextVersionIs(gistOnly).expectSuccessfulHandlerExecution();
    }

    @Test
    void a_version_of_an_unknown_document_is_refused() {
        fixture.given(ukraineStarted())
                .when(version("nowhere", null, provision("a", "1", "A.")))
                .expectNoEvents()
                .expectException(UnknownDocumentException.class);
    }

    @Test
    void the_same_version_sent_again_returns_the_first_answer_and_stores_nothing() {
        VersionAdded stored = added(FIRST, 1, change("ceasefire", ChangeKind.ADDED), change("sanctions", ChangeKind.ADDED),
                change("elections", ChangeKind.ADDED));
        fixture.given(ukraineStarted(), created(PLAN), stored)
                .when(FIRST)
                .expectNoEvents()
                .expectResultMessagePayload(new VersionAccepted(PLAN, 1, stored.changes(), 2, true));
    }

    @Test
    void a_provision_status_is_recorded_with_who_said_so() {
        ChangeProvisionStatus open = new ChangeProvisionStatus(UKRAINE, PLAN, "sanctions", ProvisionStatus.OPEN,
                "zelensky", Occurred.parse("2026-01-06", null, null), SOURCES, "fp-open");
        fixture.given(ukraineStarted(), new ActorRegistered(UKRAINE, "zelensky", "Volodymyr Zelensky", null, ActorKind.PERSON, NOW),
                        created(PLAN), added(FIRST, 1, change("ceasefire", ChangeKind.ADDED),
                                change("sanctions", ChangeKind.ADDED), change("elections", ChangeKind.ADDED)))
                .when(open)
                .expectEvents(new ProvisionStatusChanged(UKRAINE, PLAN, "sanctions", ProvisionStatus.OPEN, "zelensky",
                        open.occurred(), SOURCES, "fp-open", NOW));
    }
}
