package org.negotiationtimeline.timeline.negotiation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.negotiationtimeline.timeline.negotiation.DevelopmentBuilder.a;
import static org.negotiationtimeline.timeline.negotiation.Developments.NOW;
import static org.negotiationtimeline.timeline.negotiation.Developments.UKRAINE;
import static org.negotiationtimeline.timeline.negotiation.Developments.parisSummit;
import static org.negotiationtimeline.timeline.negotiation.Developments.parisSummitRecorded;
import static org.negotiationtimeline.timeline.negotiation.Developments.registered;
import static org.negotiationtimeline.timeline.negotiation.Developments.startUkraine;
import static org.negotiationtimeline.timeline.negotiation.Developments.ukraineStarted;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test per rule of the {@link Negotiation} aggregate. */
class NegotiationTest {

    private AggregateTestFixture<Negotiation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Negotiation.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A started negotiation whose registry holds the usual actors, then {@code more}. */
    private static List<Object> ukraineWithActors(Object... more) {
        List<Object> history = new ArrayList<>(List.of(ukraineStarted(),
                registered("macron", "Emmanuel Macron", ActorKind.PERSON),
                registered("zelensky", "Volodymyr Zelensky", ActorKind.PERSON),
                registered("russia", "Russia", ActorKind.STATE),
                registered("eu", "European Union", ActorKind.ORGANISATION),
                registered("budanov", "Kyrylo Budanov", ActorKind.PERSON)));
        history.addAll(Arrays.asList(more));
        return history;
    }

    /** An {@link InvalidDevelopmentException} about {@code field}. */
    private static org.hamcrest.Matcher<InvalidDevelopmentException> invalid(String field) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(InvalidDevelopmentException e) {
                return field.equals(e.field());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("invalid field " + field);
            }
        };
    }

    private ResultValidator<Negotiation> whenRecorded(DevelopmentBuilder development) {
        return fixture.given(ukraineWithActors()).when(development.build());
    }

    @Test
    void starting_a_negotiation_records_when_it_was_stored() {
        fixture.givenNoPriorActivity()
                .when(startUkraine())
                .expectSuccessfulHandlerExecution()
                .expectEvents(ukraineStarted());
    }

    @Test
    void recorded_at_keeps_microseconds_so_every_store_holds_the_same_instant() {
        AggregateTestFixture<Negotiation> nanoClock = new AggregateTestFixture<>(Negotiation.class);
        nanoClock.registerInjectableResource(Clock.fixed(NOW.plusNanos(123_456_789), ZoneOffset.UTC));

        nanoClock.givenNoPriorActivity()
                .when(startUkraine())
                .expectEvents(new NegotiationStarted(UKRAINE, ukraineStarted().title(), null, NOW.plusNanos(123_456_000)));
    }

    @Nested
    class The_actor_registry {

        @Test
        void registers_an_actor_once() {
            fixture.given(ukraineStarted())
                    .when(new RegisterActor(UKRAINE, "umerov", "Umerov", "Ukraine", ActorKind.PERSON))
                    .expectEvents(new ActorRegistered(UKRAINE, "umerov", "Umerov", "Ukraine", ActorKind.PERSON, NOW))
                    .expectResultMessagePayload(new Registration(1, false));
        }

        @Test
        void recognises_the_same_actor_registered_again() {
            fixture.given(ukraineStarted(), new ActorRegistered(UKRAINE, "umerov", "Umerov", "Ukraine", ActorKind.PERSON, NOW))
                    .when(new RegisterActor(UKRAINE, "umerov", "Umerov", "Ukraine", ActorKind.PERSON))
                    .expectNoEvents()
                    .expectResultMessagePayload(new Registration(1, true));
        }

        @Test
        void refuses_the_same_id_for_someone_else() {
            fixture.given(ukraineStarted(), new ActorRegistered(UKRAINE, "umerov", "Umerov", "Ukraine", ActorKind.PERSON, NOW))
                    .when(new RegisterActor(UKRAINE, "umerov", "Rustem Umerov", "Ukraine", ActorKind.PERSON))
                    .expectNoEvents()
                    .expectException(ActorConflictException.class);
        }
    }

    @Nested
    class Recording_a_development {

        @Test
        void stores_it_with_the_servers_time_and_its_sequence() {
            fixture.given(ukraineWithActors())
                    .when(parisSummit("fp-1"))
                    .expectEvents(parisSummitRecorded("fp-1"))
                    .expectResultMessagePayload(new DevelopmentAccepted("paris-summit", 6, false));
        }

        @Test
        void with_the_same_content_again_returns_the_first_result_and_stores_nothing() {
            fixture.given(ukraineWithActors(parisSummitRecorded("fp-1")))
                    .when(parisSummit("fp-1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new DevelopmentAccepted("paris-summit", 6, true));
        }

        @Test
        void with_a_used_event_id_and_different_content_is_a_conflict() {
            fixture.given(ukraineWithActors(parisSummitRecorded("fp-1")))
                    .when(parisSummit("fp-2"))
                    .expectNoEvents()
                    .expectException(EventIdConflictException.class);
        }

        @Test
        void needs_a_started_negotiation() {
            fixture.givenNoPriorActivity()
                    .when(parisSummit("fp-1"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void needs_at_least_one_source() {
            RecordDevelopment c = parisSummit("fp-1");
            assertThatThrownBy(() -> new RecordDevelopment(c.negotiationId(), c.eventId(), c.content(), List.of(), "fp"))
                    .isInstanceOf(InvalidDevelopmentException.class)
                    .extracting(e -> ((InvalidDevelopmentException) e).field()).isEqualTo("sources");
        }

        @Test
        void naming_an_unregistered_actor_is_refused() {
            whenRecorded(a(DevelopmentType.MEETING).with("macron", ActorRole.HOST).with("starmer", ActorRole.PARTICIPANT))
                    .expectNoEvents()
                    .expectException(Matchers.allOf(Matchers.instanceOf(InvalidDevelopmentException.class),
                            Matchers.hasProperty("message", Matchers.containsString("'starmer'"))));
        }
    }

    @Nested
    class Recording_developments_in_a_batch {

        private final DevelopmentBuilder meeting = a(DevelopmentType.MEETING).id("b-meeting")
                .with("macron", ActorRole.HOST).with("zelensky", ActorRole.PARTICIPANT);
        private final DevelopmentBuilder statement = a(DevelopmentType.STATEMENT).id("b-statement")
                .with("zelensky", ActorRole.SPEAKER).saying("We are ready.");
        private final DevelopmentBuilder report = a(DevelopmentType.REPORT).id("b-report").on("2026-01");

        private RecordDevelopments batch(RecordDevelopment... developments) {
            return new RecordDevelopments(UKRAINE, List.of(developments));
        }

        @Test
        void stores_every_one_in_order_with_consecutive_sequences() {
            fixture.given(ukraineWithActors())
                    .when(batch(meeting.build(), statement.build(), report.build()))
                    .expectEvents(meeting.recorded(), statement.recorded(), report.recorded())
                    .expectResultMessagePayload(List.of(new DevelopmentAccepted("b-meeting", 6, false),
                            new DevelopmentAccepted("b-statement", 7, false), new DevelopmentAccepted("b-report", 8, false)));
        }

        @Test
        void recognises_a_replay_of_an_earlier_development_and_of_an_earlier_item_and_stores_them_once() {
            fixture.given(ukraineWithActors(parisSummitRecorded("fp-1")))
                    .when(batch(meeting.build(), parisSummit("fp-1"), meeting.build(), report.build()))
                    .expectEvents(meeting.recorded(), report.recorded())
                    .expectResultMessagePayload(List.of(new DevelopmentAccepted("b-meeting", 7, false),
                            new DevelopmentAccepted("paris-summit", 6, true), new DevelopmentAccepted("b-meeting", 7, true),
                            new DevelopmentAccepted("b-report", 8, false)));
        }

        @Test
        void a_conflicting_event_id_refuses_the_whole_batch() {
            fixture.given(ukraineWithActors(parisSummitRecorded("fp-1")))
                    .when(batch(meeting.build(), report.build(), parisSummit("fp-2")))
                    .expectNoEvents()
                    .expectException(EventIdConflictException.class);
        }

        @Test
        void an_event_id_repeated_in_the_batch_with_other_content_refuses_the_whole_batch() {
            fixture.given(ukraineWithActors())
                    .when(batch(meeting.build(), a(DevelopmentType.REPORT).id("b-meeting").fingerprint("fp-other").build()))
                    .expectNoEvents()
                    .expectException(EventIdConflictException.class);
        }

        @Test
        void an_invalid_item_refuses_the_whole_batch_and_names_its_position() {
            fixture.given(ukraineWithActors())
                    .when(batch(meeting.build(), report.build(),
                            a(DevelopmentType.MEETING).id("b-bad").with("starmer", ActorRole.HOST).build()))
                    .expectNoEvents()
                    .expectException(Matchers.allOf(invalid("actors[0].id"),
                            Matchers.hasProperty("message", Matchers.containsString("'starmer'"))))
                    .expectException(new org.hamcrest.TypeSafeMatcher<InvalidDevelopmentException>() {
                        @Override
                        protected boolean matchesSafely(InvalidDevelopmentException e) {
                            return e.item().isPresent() && e.item().getAsInt() == 2;
                        }

                        @Override
                        public void describeTo(org.hamcrest.Description description) {
                            description.appendText("about item 2");
                        }
                    });
        }

        @Test
        void needs_a_started_negotiation() {
            fixture.givenNoPriorActivity()
                    .when(batch(meeting.build()))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void needs_at_least_one_development_all_of_this_negotiation() {
            assertThatThrownBy(() -> new RecordDevelopments(UKRAINE, List.of()))
                    .isInstanceOf(InvalidDevelopmentException.class);
            RecordDevelopment elsewhere = meeting.build();
            assertThatThrownBy(() -> new RecordDevelopments("other-talks", List.of(elsewhere)))
                    .isInstanceOf(InvalidDevelopmentException.class)
                    .extracting(e -> ((InvalidDevelopmentException) e).item().getAsInt()).isEqualTo(0);
        }
    }

    @Nested
    class Each_type {

        @Test
        void a_meeting_with_its_host_and_participants() {
            DevelopmentBuilder meeting = a(DevelopmentType.MEETING).with("macron", ActorRole.HOST)
                    .with("zelensky", ActorRole.PARTICIPANT);
            whenRecorded(meeting).expectEvents(meeting.recorded());
        }

        @Test
        void a_statement_with_its_speaker_and_words() {
            DevelopmentBuilder statement = a(DevelopmentType.STATEMENT).with("zelensky", ActorRole.SPEAKER)
                    .saying("We are counting on our partners' support");
            whenRecorded(statement).expectEvents(statement.recorded());
        }

        @Test
        void a_statement_needs_a_speaker() {
            whenRecorded(a(DevelopmentType.STATEMENT).with("zelensky", ActorRole.PARTICIPANT).saying("words"))
                    .expectNoEvents()
                    .expectException(InvalidDevelopmentException.class);
        }

        @Test
        void a_position_with_holder_stance_and_question() {
            DevelopmentBuilder position = a(DevelopmentType.POSITION).with("russia", ActorRole.SUBJECT)
                    .holding("russia", Stance.DEMANDS, "donbas");
            whenRecorded(position).expectEvents(position.recorded());
        }

        @Test
        void a_position_needs_its_position() {
            whenRecorded(a(DevelopmentType.POSITION).with("russia", ActorRole.SUBJECT))
                    .expectNoEvents()
                    .expectException(InvalidDevelopmentException.class);
        }

        @Test
        void a_position_holder_must_be_registered() {
            whenRecorded(a(DevelopmentType.POSITION).holding("kremlin", Stance.OPPOSES, "foreign-troops"))
                    .expectNoEvents()
                    .expectException(invalid("position.holder"));
        }

        @Test
        void a_block_of_another_type_is_refused() {
            whenRecorded(a(DevelopmentType.MEETING).holding("russia", Stance.OPPOSES, "foreign-troops"))
                    .expectNoEvents()
                    .expectException(invalid("position"));
        }

        @Test
        void sanctions_with_who_imposes_them_on_whom() {
            DevelopmentBuilder sanctions = a(DevelopmentType.SANCTIONS).sanctioning("eu", "russia", Sanctions.Status.PLANNED);
            whenRecorded(sanctions).expectEvents(sanctions.recorded());
        }

        @Test
        void an_appointment_with_the_person_and_office() {
            DevelopmentBuilder appointment = a(DevelopmentType.APPOINTMENT).with("budanov", ActorRole.SUBJECT)
                    .appointing("budanov", "Head of the Presidential Office");
            whenRecorded(appointment).expectEvents(appointment.recorded());
        }

        @Test
        void an_appointment_needs_its_appointment() {
            whenRecorded(a(DevelopmentType.APPOINTMENT).with("budanov", ActorRole.SUBJECT))
                    .expectNoEvents()
                    .expectException(invalid("appointment"));
        }

        @Test
        void a_report_carrying_claims_keeps_their_values_as_given() {
            DevelopmentBuilder report = a(DevelopmentType.REPORT)
                    .claiming("reassurance-force.troops", Map.of("min", 15000, "max", 30000))
                    .claiming("umerov.first-name", "Rustem");
            whenRecorded(report).expectEvents(report.recorded());
        }

        @Test
        void other_developments_need_nothing_more() {
            DevelopmentBuilder other = a(DevelopmentType.OTHER).on("2025-11");
            whenRecorded(other).expectEvents(other.recorded());
        }
    }

    @Nested
    class Amending_a_development {

        private final DevelopmentBuilder meeting = a(DevelopmentType.MEETING).id("talks").on("2026-01-05")
                .with("macron", ActorRole.HOST);
        private final List<SourceRef> correctionSource =
                List.of(new SourceRef("RFE/RL", null, "2026-01-07", null, "001_4c1616e0ff1b72e1.txt"));

        private CorrectDevelopment moveTo(String edtf, String correctionId, String fingerprint) {
            return new CorrectDevelopment(UKRAINE, correctionId, "talks", new DevelopmentContent(null,
                    Occurred.parse(edtf, null, null), null, null, null, null, null, null, null, null, null, null),
                    "the meeting was a day later", correctionSource, fingerprint);
        }

        private RetractDevelopment retract(String retractionId) {
            return new RetractDevelopment(UKRAINE, retractionId, "talks", "did not happen", correctionSource, "fp-r");
        }

        @Test
        void a_correction_is_a_new_event_that_leaves_the_original_as_recorded() {
            CorrectDevelopment correction = moveTo("2026-01-06", "fix-1", "fp-c");
            fixture.given(ukraineWithActors(meeting.recorded()))
                    .when(correction)
                    .expectEvents(new DevelopmentCorrected(UKRAINE, "fix-1", "talks", correction.set(),
                            correction.reason(), correctionSource, "fp-c", NOW))
                    .expectResultMessagePayload(new AmendmentAccepted("fix-1", "talks", 7, false));
        }

        @Test
        void a_repeated_correction_returns_the_first_answer() {
            CorrectDevelopment correction = moveTo("2026-01-06", "fix-1", "fp-c");
            fixture.given(ukraineWithActors(meeting.recorded(), new DevelopmentCorrected(UKRAINE, "fix-1", "talks",
                            correction.set(), correction.reason(), correctionSource, "fp-c", NOW)))
                    .when(correction)
                    .expectNoEvents()
                    .expectResultMessagePayload(new AmendmentAccepted("fix-1", "talks", 7, true));
        }

        @Test
        void a_correction_of_an_unknown_development_is_refused() {
            fixture.given(ukraineWithActors())
                    .when(moveTo("2026-01-06", "fix-1", "fp-c"))
                    .expectNoEvents()
                    .expectException(UnknownEventException.class);
        }

        @Test
        void a_correction_must_leave_the_development_valid() {
            CorrectDevelopment toStatementWithoutSpeaker = new CorrectDevelopment(UKRAINE, "fix-2", "talks",
                    new DevelopmentContent(DevelopmentType.STATEMENT, null, null, null, null, null, null, null, null,
                            null, null, null), "it was a statement", correctionSource, "fp-s");
            fixture.given(ukraineWithActors(meeting.recorded()))
                    .when(toStatementWithoutSpeaker)
                    .expectNoEvents()
                    .expectException(invalid("actors"));
        }

        @Test
        void an_empty_correction_is_refused() {
            assertThatThrownBy(() -> new CorrectDevelopment(UKRAINE, "fix-3", "talks", new DevelopmentContent(null,
                    null, null, null, null, null, null, null, null, null, null, null), "nothing", correctionSource, "fp"))
                    .isInstanceOf(InvalidDevelopmentException.class);
        }

        @Test
        void a_retraction_withdraws_the_development() {
            fixture.given(ukraineWithActors(meeting.recorded()))
                    .when(retract("r-1"))
                    .expectEvents(new DevelopmentRetracted(UKRAINE, "r-1", "talks", "did not happen", correctionSource,
                            "fp-r", NOW));
        }

        @Test
        void a_retracted_development_cannot_be_corrected_or_retracted_again() {
            DevelopmentRetracted retracted = new DevelopmentRetracted(UKRAINE, "r-1", "talks", "did not happen",
                    correctionSource, "fp-r", NOW);
            fixture.given(ukraineWithActors(meeting.recorded(), retracted))
                    .when(moveTo("2026-01-06", "fix-1", "fp-c"))
                    .expectNoEvents()
                    .expectException(DevelopmentRetractedException.class);
            fixture.given(ukraineWithActors(meeting.recorded(), retracted))
                    .when(retract("r-2"))
                    .expectNoEvents()
                    .expectException(DevelopmentRetractedException.class);
        }

        @Test
        void a_later_correction_is_checked_against_the_corrected_form() {
            DevelopmentContent toStatement = new DevelopmentContent(DevelopmentType.STATEMENT, null, null, null,
                    List.of(new ActorRef("macron", ActorRole.SPEAKER)), null, null, null, null, null, null, null);
            DevelopmentCorrected nowAStatement = new DevelopmentCorrected(UKRAINE, "fix-4", "talks", toStatement,
                    "it was a statement", correctionSource, "fp-4", NOW);
            CorrectDevelopment dropTheSpeaker = new CorrectDevelopment(UKRAINE, "fix-5", "talks",
                    new DevelopmentContent(null, null, null, null, List.of(new ActorRef("macron", ActorRole.HOST)),
                            null, null, null, null, null, null, null), "host, not speaker", correctionSource, "fp-5");
            // Valid for the meeting as first recorded; invalid for the statement it has become.
            fixture.given(ukraineWithActors(meeting.recorded(), nowAStatement))
                    .when(dropTheSpeaker)
                    .expectNoEvents()
                    .expectException(invalid("actors"));
        }
    }
}
