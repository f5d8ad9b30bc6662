package org.negotiationtimeline.timeline.negotiation.api;

import java.util.List;
import org.negotiationtimeline.timeline.negotiation.ActorRef;
import org.negotiationtimeline.timeline.negotiation.Appointment;
import org.negotiationtimeline.timeline.negotiation.Claim;
import org.negotiationtimeline.timeline.negotiation.DevelopmentContent;
import org.negotiationtimeline.timeline.negotiation.Occurred;
import org.negotiationtimeline.timeline.negotiation.Position;
import org.negotiationtimeline.timeline.negotiation.Quote;
import org.negotiationtimeline.timeline.negotiation.Sanctions;
import org.negotiationtimeline.timeline.negotiation.SourceRef;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.ActorBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.AppointmentBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.ClaimBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.OccurredBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.PositionBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.QuoteBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.SanctionsBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.SourceBody;

/** From request bodies to domain values; absent stays null, blank text becomes absent. */
final class Bodies {

    private Bodies() {
    }

    /** A development's fields, whole (recording) or some of them (a correction's changes). */
    static DevelopmentContent content(DevelopmentFields f) {
        return new DevelopmentContent(f.type(), occurred(f.occurred()), text(f.title()), text(f.summary()),
                actors(f.actors()), f.topics(), text(f.location()), quote(f.quote()), position(f.position()),
                sanctions(f.sanctions()), appointment(f.appointment()), claims(f.claims()), f.basis(), text(f.note()));
    }

    static Occurred occurred(OccurredBody o) {
        return o == null ? null : Occurred.parse(o.value(), o.text(), o.zone());
    }

    static List<ActorRef> actors(List<ActorBody> actors) {
        return actors == null ? null : actors.stream().map(a -> new ActorRef(a.id(), a.role())).toList();
    }

    static Quote quote(QuoteBody q) {
        return q == null ? null : new Quote(q.text(), q.verbatim());
    }

    static Position position(PositionBody p) {
        return p == null ? null : new Position(p.holder(), p.stance(), p.on());
    }

    static Sanctions sanctions(SanctionsBody s) {
        return s == null ? null : new Sanctions(s.by(), s.target(), text(s.packageName()), s.status());
    }

    static Appointment appointment(AppointmentBody a) {
        return a == null ? null : new Appointment(a.person(), a.office().strip(), a.by());
    }

    static List<SourceRef> sources(List<SourceBody> sources) {
        return sources == null ? null : sources.stream().map(s -> new SourceRef(s.outlet().strip(), text(s.via()),
                text(s.published()), s.url(), text(s.ref()))).toList();
    }

    static List<Claim> claims(List<ClaimBody> claims) {
        return claims == null ? null : claims.stream().map(c -> new Claim(c.subject(), c.value(), c.basis(), text(c.note()))).toList();
    }

    static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
