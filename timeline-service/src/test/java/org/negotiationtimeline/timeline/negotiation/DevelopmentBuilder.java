package org.negotiationtimeline.timeline.negotiation;

import java.util.ArrayList;
import java.util.List;

/** Builds a {@link RecordDevelopment} in the test's own words: {@code a(STATEMENT).by("zelensky")...}. */
final class DevelopmentBuilder {

    private final DevelopmentType type;
    private String eventId = "dev-1";
    private String occurred = "2026-01-06";
    private String fingerprint;
    private final List<ActorRef> actors = new ArrayList<>();
    private final List<Claim> claims = new ArrayList<>();
    private Quote quote;
    private Position position;
    private Sanctions sanctions;
    private Appointment appointment;

    private DevelopmentBuilder(DevelopmentType type) {
        this.type = type;
    }

    static DevelopmentBuilder a(DevelopmentType type) {
        return new DevelopmentBuilder(type);
    }

    DevelopmentBuilder id(String id) {
        this.eventId = id;
        return this;
    }

    /** Another request fingerprint than the default {@code fp-<id>}: the same id with other content. */
    DevelopmentBuilder fingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
        return this;
    }

    DevelopmentBuilder on(String edtf) {
        this.occurred = edtf;
        return this;
    }

    DevelopmentBuilder with(String actorId, ActorRole role) {
        actors.add(new ActorRef(actorId, role));
        return this;
    }

    DevelopmentBuilder saying(String text) {
        this.quote = new Quote(text, true);
        return this;
    }

    DevelopmentBuilder holding(String holder, Stance stance, String topic) {
        this.position = new Position(holder, stance, topic);
        return this;
    }

    DevelopmentBuilder sanctioning(String by, String target, Sanctions.Status status) {
        this.sanctions = new Sanctions(by, target, "20th", status);
        return this;
    }

    DevelopmentBuilder appointing(String person, String office) {
        this.appointment = new Appointment(person, office, null);
        return this;
    }

    DevelopmentBuilder claiming(String subject, Object value) {
        claims.add(new Claim(subject, value));
        return this;
    }

    RecordDevelopment build() {
        return new RecordDevelopment(Developments.UKRAINE, eventId, new DevelopmentContent(type,
                Occurred.parse(occurred, null, null), type + " " + eventId, null, actors, List.of(), null, quote,
                position, sanctions, appointment, claims),
                List.of(new SourceRef("RFE/RL", null, "2026-01-05", null, "001_4c1616e0ff1b72e1.txt")),
                fingerprint != null ? fingerprint : "fp-" + eventId);
    }

    /** The event the aggregate is expected to apply for {@link #build()}. */
    DevelopmentRecorded recorded() {
        RecordDevelopment c = build();
        return DevelopmentRecorded.of(c.negotiationId(), c.eventId(), c.content(), c.sources(), c.requestFingerprint(),
                Developments.NOW);
    }
}
