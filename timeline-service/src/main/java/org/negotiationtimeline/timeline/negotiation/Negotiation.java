package org.negotiationtimeline.timeline.negotiation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One tracked negotiation: the consistency boundary for its developments.
 *
 * <p>Decides in command handlers, changes state only in event-sourcing handlers. It remembers
 * only what its decisions need: the id, fingerprint and sequence of each recorded development.
 */
@Aggregate
public class Negotiation {

    @AggregateIdentifier
    private String id;
    private long lastSequence;
    private final Map<String, Recorded> recorded = new HashMap<>();

    private record Recorded(String fingerprint, long sequence) {
    }

    protected Negotiation() {
        // Axon rebuilds the aggregate from its events.
    }

    @CommandHandler
    public Negotiation(StartNegotiation command, Clock clock) {
        apply(new NegotiationStarted(command.negotiationId(), command.title(), command.description(), recordedNow(clock)));
    }

    @CommandHandler
    public DevelopmentAccepted handle(RecordDevelopment command, Clock clock) {
        Recorded earlier = recorded.get(command.eventId());
        if (earlier != null) {
            if (earlier.fingerprint().equals(command.contentFingerprint())) {
                return new DevelopmentAccepted(command.eventId(), earlier.sequence(), true);
            }
            throw new EventIdConflictException(command.eventId());
        }
        apply(new DevelopmentRecorded(id, command.eventId(), command.type(), command.occurred(), command.title(),
                command.summary(), command.actors(), command.topics(), command.sources(),
                command.contentFingerprint(), recordedNow(clock)));
        return new DevelopmentAccepted(command.eventId(), lastSequence, false);
    }

    /** Microseconds: what PostgreSQL keeps, so every copy of the event holds the same instant. */
    private static java.time.Instant recordedNow(Clock clock) {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    @EventSourcingHandler
    void on(NegotiationStarted event, @SequenceNumber long sequence) {
        id = event.negotiationId();
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(DevelopmentRecorded event, @SequenceNumber long sequence) {
        recorded.put(event.eventId(), new Recorded(event.contentFingerprint(), sequence));
        lastSequence = sequence;
    }
}
