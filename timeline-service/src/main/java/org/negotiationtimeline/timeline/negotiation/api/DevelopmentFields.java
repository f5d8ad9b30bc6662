package org.negotiationtimeline.timeline.negotiation.api;

import org.negotiationtimeline.timeline.negotiation.Basis;
import java.util.List;
import org.negotiationtimeline.timeline.negotiation.DevelopmentType;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.ActorBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.AppointmentBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.ClaimBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.OccurredBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.PositionBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.QuoteBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.SanctionsBody;

/**
 * The body fields of a {@link org.negotiationtimeline.timeline.negotiation.DevelopmentContent}, as
 * both a new development and a correction's {@code set} carry them; {@link Bodies#content} turns
 * either into the domain type. The two records still declare the fields each, because their
 * constraints differ (required when recording, optional in a correction) and the field names in
 * problem reports must stay flat ({@code occurred.value}, not {@code content.occurred.value}).
 */
interface DevelopmentFields {

    DevelopmentType type();

    OccurredBody occurred();

    String title();

    String summary();

    List<ActorBody> actors();

    List<String> topics();

    String location();

    QuoteBody quote();

    PositionBody position();

    SanctionsBody sanctions();

    AppointmentBody appointment();

    List<ClaimBody> claims();

    Basis basis();

    String note();
}
