package org.negotiationtimeline.timeline.negotiation;

import java.time.Instant;
import java.util.List;

/** Test data that reads like the news it comes from. */
final class Developments {

    static final String UKRAINE = "ukraine-peace-2025";
    static final Instant NOW = Instant.parse("2026-01-07T09:00:00Z");

    private Developments() {
    }

    static StartNegotiation startUkraine() {
        return new StartNegotiation(UKRAINE, "Ending Russia's war on Ukraine", null);
    }

    static NegotiationStarted ukraineStarted() {
        return new NegotiationStarted(UKRAINE, "Ending Russia's war on Ukraine", null, NOW);
    }

    /** The Paris summit of the Coalition of the Willing, as the Kyiv Independent reported it. */
    static RecordDevelopment parisSummit(String fingerprint) {
        return new RecordDevelopment(UKRAINE, "paris-summit", new DevelopmentContent(DevelopmentType.MEETING,
                Occurred.parse("2026-01-06", null, "Europe/Paris"), "Coalition of the Willing summit in Paris", null,
                List.of(new ActorRef("macron", ActorRole.HOST), new ActorRef("zelensky", ActorRole.PARTICIPANT)),
                List.of("security-guarantees"), "Paris", null, null, null, null,
                List.of(new Claim("summit.countries", 35))),
                List.of(new SourceRef("unnamed publisher", null, "2026-01-06", null, "000_ea396f7a82a19f71.txt")),
                fingerprint);
    }

    static DevelopmentRecorded parisSummitRecorded(String fingerprint) {
        RecordDevelopment c = parisSummit(fingerprint);
        return DevelopmentRecorded.of(c.negotiationId(), c.eventId(), c.content(), c.sources(), c.requestFingerprint(),
                NOW);
    }

    static ActorRegistered registered(String actorId, String name, ActorKind kind) {
        return new ActorRegistered(UKRAINE, actorId, name, null, kind, NOW);
    }

    /** The actors the Paris summit names. */
    static ActorRegistered[] parisActors() {
        return new ActorRegistered[] {
                registered("macron", "Emmanuel Macron", ActorKind.PERSON),
                registered("zelensky", "Volodymyr Zelensky", ActorKind.PERSON)};
    }
}
