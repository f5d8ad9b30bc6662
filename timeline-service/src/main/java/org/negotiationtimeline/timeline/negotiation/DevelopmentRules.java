package org.negotiationtimeline.timeline.negotiation;

import java.util.List;
import java.util.function.Predicate;

/**
 * What each development type needs, and that every actor it names is registered. Each violation
 * names the request field it is about.
 */
final class DevelopmentRules {

    private DevelopmentRules() {
    }

    /** Checks a development as it would read: as recorded, or after a correction. */
    static void check(DevelopmentContent d, Predicate<String> registered) {
        DevelopmentType type = d.type();
        only(type, DevelopmentType.STATEMENT, d.quote() != null, "quote");
        only(type, DevelopmentType.POSITION, d.position() != null, "position");
        only(type, DevelopmentType.SANCTIONS, d.sanctions() != null, "sanctions");
        only(type, DevelopmentType.APPOINTMENT, d.appointment() != null, "appointment");
        switch (type) {
            case STATEMENT -> {
                if (d.actors().stream().noneMatch(a -> a.role() == ActorRole.SPEAKER)) {
                    throw new InvalidDevelopmentException("actors", "a STATEMENT needs an actor with role SPEAKER");
                }
            }
            case POSITION -> required(d.position(), "position");
            case SANCTIONS -> required(d.sanctions(), "sanctions");
            case APPOINTMENT -> required(d.appointment(), "appointment");
            case MEETING, REPORT, OTHER -> {
                // No block of their own.
            }
        }
        Basis.check(d.basis(), d.note(), "");
        List<Claim> claims = d.claims() == null ? List.of() : d.claims();
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            Basis.check(claim.basis(), claim.note(), "claims[" + i + "].");
        }
        for (int i = 0; i < d.actors().size(); i++) {
            known(d.actors().get(i).id(), "actors[" + i + "].id", registered);
        }
        if (d.position() != null) {
            known(d.position().holder(), "position.holder", registered);
        }
        if (d.sanctions() != null) {
            known(d.sanctions().by(), "sanctions.by", registered);
            known(d.sanctions().target(), "sanctions.target", registered);
        }
        if (d.appointment() != null) {
            known(d.appointment().person(), "appointment.person", registered);
            if (d.appointment().by() != null) {
                known(d.appointment().by(), "appointment.by", registered);
            }
        }
    }

    private static void only(DevelopmentType type, DevelopmentType owner, boolean present, String field) {
        if (present && type != owner) {
            throw new InvalidDevelopmentException(field, "belongs only to " + owner + " developments, not " + type);
        }
    }

    private static void required(Object block, String field) {
        if (block == null) {
            throw new InvalidDevelopmentException(field, "is required for this type");
        }
    }

    private static void known(String actorId, String field, Predicate<String> registered) {
        if (!registered.test(actorId)) {
            throw new InvalidDevelopmentException(field, "'" + actorId + "' is not a registered actor of this negotiation");
        }
    }
}
