package org.negotiationtimeline.timeline.negotiation.api;

import org.negotiationtimeline.timeline.negotiation.Basis;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.negotiationtimeline.timeline.negotiation.DocumentKind;
import org.negotiationtimeline.timeline.negotiation.ProvisionStatus;
import org.negotiationtimeline.timeline.negotiation.TextAvailability;
import org.negotiationtimeline.timeline.negotiation.VersionStatus;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.OccurredBody;
import org.negotiationtimeline.timeline.negotiation.api.RecordDevelopmentRequest.SourceBody;

/** Bodies of the document endpoints. */
final class DocumentRequests {

    /** {@code pid} in this document, or {@code docId/pid} in another one. */
    static final String REF_PATTERN = "([a-z0-9][a-z0-9-]{0,63}/)?[a-z0-9][a-z0-9-]{0,63}";

    private DocumentRequests() {
    }

    record CreateDocumentRequest(
            @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String id,
            @NotBlank @Size(max = 300) String title,
            @NotNull DocumentKind kind) {
    }

    record AddVersionRequest(
            @NotBlank @Size(max = 200) String label,
            @NotNull @Valid OccurredBody occurred,
            @NotNull VersionStatus status,
            TextAvailability textAvailable,
            @Min(1) Integer reportedProvisionCount,
            @Min(0) Integer expectedVersion,
            @Size(max = 500) List<@NotNull @Valid ProvisionBody> provisions,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid SourceBody> sources) {
    }

    record ProvisionBody(
            @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String id,
            @Size(max = 20) String number,
            @Size(max = 20_000) String text,
            @Size(max = 50) List<@NotBlank @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> topics,
            ProvisionStatus status,
            @Size(max = 50) List<@NotNull @Pattern(regexp = REF_PATTERN, message = "must be pid or docId/pid") String> derivedFrom,
            @JsonInclude(JsonInclude.Include.NON_NULL) Basis basis,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Size(max = 500) String note,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Size(min = 1, max = 50) List<@NotNull @Valid SourceBody> sources) {
    }

    record ProvisionStatusRequest(
            @NotNull ProvisionStatus status,
            @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String by,
            @NotNull @Valid OccurredBody occurred,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid SourceBody> sources,
            @JsonInclude(JsonInclude.Include.NON_NULL) Basis basis,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Size(max = 500) String note) {
    }

}
