package org.negotiationtimeline.timeline.negotiation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One tracked negotiation: the consistency boundary for its actors and developments.
 *
 * <p>Decides in command handlers, changes state only in event-sourcing handlers. It remembers
 * what its decisions need: the registered actors, every id used with its fingerprint and
 * sequence, and each development's current form (to check that a correction leaves it valid).
 */
@Aggregate(cache = "negotiationCache") // eventstore.AggregateCacheConfiguration
public class Negotiation {

    /** The sequence of a stream's first event, {@link NegotiationStarted}: Axon numbers each aggregate's events from 0. */
    public static final long FIRST_SEQUENCE = 0;

    @AggregateIdentifier
    private String id;
    private long lastSequence;
    private final Map<String, ActorRegistered> actors = new HashMap<>();
    /** Every id used in this stream (developments, corrections, retractions): for idempotency. */
    private final Map<String, Recorded> recorded = new HashMap<>();
    /** Each development as it reads now, corrections applied. */
    private final Map<String, DevelopmentContent> developments = new HashMap<>();
    private final Set<String> retracted = new HashSet<>();
    private final Map<String, DocumentCreated> documentHeads = new HashMap<>();
    /** Each document's versions, in order. */
    private final Map<String, List<VersionAdded>> documents = new HashMap<>();
    /** Answers already given to version and status requests, by fingerprint: for idempotency. */
    private final Map<String, DocumentAnswer> documentAnswers = new HashMap<>();

    private record Recorded(String fingerprint, long sequence, String amends) {
    }

    protected Negotiation() {
        // Axon rebuilds the aggregate from its events.
    }

    @CommandHandler
    public Negotiation(StartNegotiation command, Clock clock) {
        apply(new NegotiationStarted(command.negotiationId(), command.title(), command.description(), recordedNow(clock)));
    }

    /** @return replayed when the actor already was registered, identically */
    @CommandHandler
    public Registration handle(RegisterActor command, Clock clock) {
        ActorRegistered known = actors.get(command.actorId());
        if (known != null) {
            if (sameDetails(known, command)) {
                return new Registration(lastSequence, true);
            }
            throw new ActorConflictException(command.actorId());
        }
        apply(new ActorRegistered(id, command.actorId(), command.name(), command.affiliation(), command.kind(),
                recordedNow(clock)));
        return new Registration(lastSequence, false);
    }

    @CommandHandler
    public DevelopmentAccepted handle(RecordDevelopment command, Clock clock) {
        return record(command, recordedNow(clock));
    }

    /**
     * Each item is decided as a single {@link RecordDevelopment} is, in order, so an id repeated
     * within the batch with the same content is a replay of the earlier item. A refused item
     * throws; the unit of work then rolls back every event applied before it: all or nothing.
     *
     * @return one answer per item, in the batch's order
     */
    @CommandHandler
    public List<DevelopmentAccepted> handle(RecordDevelopments command, Clock clock) {
        Instant recordedAt = recordedNow(clock); // one transaction: stored, and so known, at one instant
        List<DevelopmentAccepted> accepted = new ArrayList<>(command.developments().size());
        for (int i = 0; i < command.developments().size(); i++) {
            try {
                accepted.add(record(command.developments().get(i), recordedAt));
            } catch (InvalidDevelopmentException e) {
                throw e.inItem(i);
            }
        }
        return accepted;
    }

    private DevelopmentAccepted record(RecordDevelopment command, Instant recordedAt) {
        Recorded earlier = recorded.get(command.eventId());
        if (earlier != null) {
            if (earlier.fingerprint().equals(command.requestFingerprint())) {
                return new DevelopmentAccepted(command.eventId(), earlier.sequence(), true);
            }
            throw new EventIdConflictException(command.eventId());
        }
        DevelopmentRules.check(command.content(), actors::containsKey);
        apply(DevelopmentRecorded.of(id, command.eventId(), command.content(), command.sources(),
                command.requestFingerprint(), recordedAt));
        return new DevelopmentAccepted(command.eventId(), lastSequence, false);
    }

    @CommandHandler
    public AmendmentAccepted handle(CorrectDevelopment command, Clock clock) {
        AmendmentAccepted replay = replayOf(command.correctionId(), command.requestFingerprint());
        if (replay != null) {
            return replay;
        }
        DevelopmentContent target = amendable(command.eventId());
        DevelopmentRules.check(target.with(command.set()), actors::containsKey);
        apply(new DevelopmentCorrected(id, command.correctionId(), command.eventId(), command.set(), command.reason(),
                command.sources(), command.requestFingerprint(), recordedNow(clock)));
        return new AmendmentAccepted(command.correctionId(), command.eventId(), lastSequence, false);
    }

    @CommandHandler
    public AmendmentAccepted handle(RetractDevelopment command, Clock clock) {
        AmendmentAccepted replay = replayOf(command.retractionId(), command.requestFingerprint());
        if (replay != null) {
            return replay;
        }
        amendable(command.eventId());
        apply(new DevelopmentRetracted(id, command.retractionId(), command.eventId(), command.reason(),
                command.sources(), command.requestFingerprint(), recordedNow(clock)));
        return new AmendmentAccepted(command.retractionId(), command.eventId(), lastSequence, false);
    }

    /** @return replayed when the document already was created, identically */
    @CommandHandler
    public Registration handle(CreateDocument command, Clock clock) {
        DocumentCreated known = documentHeads.get(command.documentId());
        if (known != null) {
            if (known.title().equals(command.title()) && known.kind() == command.kind()) {
                return new Registration(lastSequence, true);
            }
            throw new DocumentConflictException(command.documentId());
        }
        apply(new DocumentCreated(id, command.documentId(), command.title(), command.kind(), recordedNow(clock)));
        return new Registration(lastSequence, false);
    }

    @CommandHandler
    public VersionAccepted handle(AddVersion command, Clock clock) {
        List<VersionAdded> versions = versionsOf(command.documentId());
        if (documentAnswers.get(answerKey(command.documentId(), command.requestFingerprint()))
                instanceof VersionAccepted earlier) {
            return earlier.asReplayed();
        }
        if (command.expectedVersion() != null && command.expectedVersion() != versions.size()) {
            throw new StaleVersionException(command.documentId(), command.expectedVersion(), versions.size());
        }
        DocumentRules.check(command, this::lastFormOf);
        int number = versions.size() + 1;
        List<Provision> previous = versions.isEmpty() ? List.of() : versions.get(versions.size() - 1).provisions();
        List<ProvisionChange> changes = ProvisionChanges.between(command.documentId(), previous,
                command.provisions(), this::lastFormOf);
        apply(new VersionAdded(id, command.documentId(), number, command.label(), command.occurred(),
                command.status(), command.textAvailable(), command.reportedProvisionCount(), command.provisions(), changes,
                command.sources(), command.requestFingerprint(), recordedNow(clock)));
        return new VersionAccepted(command.documentId(), number, changes, lastSequence, false);
    }

    /** @return the sequence of the status change, and whether it had been recorded before */
    @CommandHandler
    public ProvisionStatusAccepted handle(ChangeProvisionStatus command, Clock clock) {
        versionsOf(command.documentId());
        if (documentAnswers.get(answerKey(command.documentId(), command.requestFingerprint()))
                instanceof ProvisionStatusAccepted earlier) {
            return earlier.asReplayed();
        }
        if (lastFormOf(command.documentId() + "/" + command.provisionId()) == null) {
            throw new UnknownDocumentException(command.documentId() + "/" + command.provisionId());
        }
        if (command.by() != null && !actors.containsKey(command.by())) {
            throw new InvalidDevelopmentException("by", "'" + command.by() + "' is not a registered actor of this negotiation");
        }
        apply(new ProvisionStatusChanged(id, command.documentId(), command.provisionId(), command.status(), command.by(),
                command.occurred(), command.sources(), command.basis(), command.note(), command.requestFingerprint(),
                recordedNow(clock)));
        return new ProvisionStatusAccepted(command.documentId(), command.provisionId(), lastSequence, false);
    }

    private static String answerKey(String documentId, String requestFingerprint) {
        return documentId + "#" + requestFingerprint;
    }

    private List<VersionAdded> versionsOf(String documentId) {
        List<VersionAdded> versions = documents.get(documentId);
        if (versions == null) {
            throw new UnknownDocumentException(documentId);
        }
        return versions;
    }

    /** The latest recorded form of a provision, by qualified id {@code docId/pid}; null if none. */
    private Provision lastFormOf(String qualifiedId) {
        int slash = qualifiedId.indexOf('/');
        List<VersionAdded> versions = documents.get(qualifiedId.substring(0, slash));
        if (versions == null) {
            return null;
        }
        String provisionId = qualifiedId.substring(slash + 1);
        for (int v = versions.size() - 1; v >= 0; v--) {
            for (Provision p : versions.get(v).provisions()) {
                if (p.id().equals(provisionId)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The first answer for a repeated amendment id with the same content; null for a new id. */
    private AmendmentAccepted replayOf(String amendmentId, String fingerprint) {
        Recorded earlier = recorded.get(amendmentId);
        if (earlier == null) {
            return null;
        }
        if (earlier.amends() == null || !earlier.fingerprint().equals(fingerprint)) {
            throw new EventIdConflictException(amendmentId);
        }
        return new AmendmentAccepted(amendmentId, earlier.amends(), earlier.sequence(), true);
    }

    private DevelopmentContent amendable(String eventId) {
        DevelopmentContent target = developments.get(eventId);
        if (target == null) {
            throw new UnknownEventException(eventId);
        }
        if (retracted.contains(eventId)) {
            throw new DevelopmentRetractedException(eventId);
        }
        return target;
    }

    private static boolean sameDetails(ActorRegistered known, RegisterActor command) {
        return known.name().equals(command.name())
                && Objects.equals(known.affiliation(), command.affiliation())
                && known.kind() == command.kind();
    }

    /** Microseconds: what PostgreSQL keeps, so every copy of the event holds the same instant. */
    private static Instant recordedNow(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @EventSourcingHandler
    void on(NegotiationStarted event, @SequenceNumber long sequence) {
        id = event.negotiationId();
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(ActorRegistered event, @SequenceNumber long sequence) {
        actors.put(event.actorId(), event);
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(DevelopmentRecorded event, @SequenceNumber long sequence) {
        recorded.put(event.eventId(), new Recorded(event.requestFingerprint(), sequence, null));
        developments.put(event.eventId(), event.content());
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(DevelopmentCorrected event, @SequenceNumber long sequence) {
        recorded.put(event.correctionId(), new Recorded(event.requestFingerprint(), sequence, event.eventId()));
        developments.computeIfPresent(event.eventId(), (eventId, development) -> development.with(event.set()));
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(DocumentCreated event, @SequenceNumber long sequence) {
        documentHeads.put(event.documentId(), event);
        documents.put(event.documentId(), new ArrayList<>());
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(VersionAdded event, @SequenceNumber long sequence) {
        documents.get(event.documentId()).add(event);
        documentAnswers.put(answerKey(event.documentId(), event.requestFingerprint()),
                new VersionAccepted(event.documentId(), event.version(), event.changes(), sequence, false));
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(ProvisionStatusChanged event, @SequenceNumber long sequence) {
        documentAnswers.put(answerKey(event.documentId(), event.requestFingerprint()),
                new ProvisionStatusAccepted(event.documentId(), event.provisionId(), sequence, false));
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(DevelopmentRetracted event, @SequenceNumber long sequence) {
        recorded.put(event.retractionId(), new Recorded(event.requestFingerprint(), sequence, event.eventId()));
        retracted.add(event.eventId());
        lastSequence = sequence;
    }
}
