package org.negotiationtimeline.timeline.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.negotiationtimeline.timeline.negotiation.Developments.NOW;
import static org.negotiationtimeline.timeline.negotiation.Developments.parisSummit;
import static org.negotiationtimeline.timeline.negotiation.Developments.parisSummitRecorded;
import static org.negotiationtimeline.timeline.negotiation.Developments.startUkraine;
import static org.negotiationtimeline.timeline.negotiation.Developments.ukraineStarted;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per rule of the {@link Negotiation} aggregate. */
class NegotiationTest {

    private AggregateTestFixture<Negotiation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Negotiation.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
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
                .expectEvents(new NegotiationStarted(ukraineStarted().negotiationId(), ukraineStarted().title(), null,
                        NOW.plusNanos(123_456_000)));
    }

    @Test
    void a_development_is_recorded_with_the_servers_time_and_its_sequence() {
        fixture.given(ukraineStarted())
                .when(parisSummit("fp-1"))
                .expectEvents(parisSummitRecorded("fp-1"))
                .expectResultMessagePayload(new DevelopmentAccepted("paris-summit", 1, false));
    }

    @Test
    void repeating_a_development_with_the_same_content_returns_the_first_result_and_stores_nothing() {
        fixture.given(ukraineStarted(), parisSummitRecorded("fp-1"))
                .when(parisSummit("fp-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new DevelopmentAccepted("paris-summit", 1, true));
    }

    @Test
    void reusing_an_event_id_for_different_content_is_a_conflict() {
        fixture.given(ukraineStarted(), parisSummitRecorded("fp-1"))
                .when(parisSummit("fp-2"))
                .expectNoEvents()
                .expectException(EventIdConflictException.class);
    }

    @Test
    void a_development_needs_a_started_negotiation() {
        fixture.givenNoPriorActivity()
                .when(parisSummit("fp-1"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void a_development_needs_at_least_one_source() {
        RecordDevelopment withSources = parisSummit("fp-1");
        assertThatThrownBy(() -> new RecordDevelopment(withSources.negotiationId(), withSources.eventId(),
                withSources.type(), withSources.occurred(), withSources.title(), null, List.of(), List.of(), List.of(), "fp"))
                .isInstanceOf(InvalidDevelopmentException.class)
                .extracting(e -> ((InvalidDevelopmentException) e).field()).isEqualTo("sources");
    }

    @Test
    void the_sequence_of_later_developments_follows_the_stream() {
        DevelopmentRecorded first = parisSummitRecorded("fp-1");
        RecordDevelopment second = new RecordDevelopment(first.negotiationId(), "military-planners-meet",
                DevelopmentType.MEETING, Occurred.parse("2026-01-05", null, null), "Military planners meet",
                null, List.of(), List.of(), first.sources(), "fp-3");

        fixture.given(ukraineStarted(), first)
                .when(second)
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.equalTo(
                        new DevelopmentAccepted("military-planners-meet", 2, false)));
        assertThat(second.occurred().precision()).isEqualTo(Precision.DAY);
    }
}
