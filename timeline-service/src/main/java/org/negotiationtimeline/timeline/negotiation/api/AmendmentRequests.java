package org.negotiationtimeline.timeline.negotiation.api;

import org.negotiationtimeline.timeline.negotiation.Basis;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.negotiationtimeline.timeline.negotiation.DevelopmentType;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.ActorBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.AppointmentBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.ClaimBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.OccurredBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.PositionBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.QuoteBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.SanctionsBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.SourceBody;

/** Bodies of {@code POST /api/events/{eventId}/corrections} and {@code /retraction}. */
final class AmendmentRequests {

    private AmendmentRequests() {
    }

    record CorrectionRequest(
            @NotNull @Valid Changes set,
            @NotBlank @Size(max = 2000) String reason,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid SourceBody> sources) {
    }

    /** The fields a correction may set; each is optional and validated as when recording. */
    record Changes(
            DevelopmentType type,
            @Valid OccurredBody occurred,
            @Size(min = 1, max = 500) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
            @Size(max = 10_000) String summary,
            @Size(max = 100) List<@NotNull @Valid ActorBody> actors,
            @Size(max = 100) List<@NotBlank @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> topics,
            @Size(max = 300) String location,
            @Valid QuoteBody quote,
            @Valid PositionBody position,
            @Valid SanctionsBody sanctions,
            @Valid AppointmentBody appointment,
            @Size(max = 100) List<@NotNull @Valid ClaimBody> claims,
            @JsonInclude(JsonInclude.Include.NON_NULL) Basis basis,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Size(max = 500) String note) implements DevelopmentFields {
    }

    record RetractionRequest(
            @NotBlank @Size(max = 2000) String reason,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid SourceBody> sources) {
    }

}
