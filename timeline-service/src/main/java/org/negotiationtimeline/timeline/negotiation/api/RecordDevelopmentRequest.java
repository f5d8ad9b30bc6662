package org.negotiationtimeline.timeline.negotiation.api;

import org.negotiationtimeline.timeline.negotiation.Basis;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.negotiationtimeline.timeline.negotiation.ActorRole;
import org.negotiationtimeline.timeline.negotiation.DevelopmentType;
import org.negotiationtimeline.timeline.negotiation.Sanctions;
import org.negotiationtimeline.timeline.negotiation.Stance;

/**
 * Body of {@code POST /api/negotiations/{nid}/events}. Unknown fields are rejected, not dropped.
 * Shape is checked here; what a type needs and which actors exist, the aggregate decides.
 */
record RecordDevelopmentRequest(
        @Pattern(regexp = Slugs.EVENT_ID_PATTERN, message = Slugs.EVENT_ID_MESSAGE) String eventId,
        @NotNull DevelopmentType type,
        @NotNull @Valid OccurredBody occurred,
        @NotBlank @Size(max = 500) String title,
        @Size(max = 10_000) String summary,
        @Size(max = 100) List<@NotNull @Valid ActorBody> actors,
        @Size(max = 100) List<@NotBlank @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> topics,
        @Size(max = 300) String location,
        @Valid QuoteBody quote,
        @Valid PositionBody position,
        @Valid SanctionsBody sanctions,
        @Valid AppointmentBody appointment,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid SourceBody> sources,
        @Size(max = 100) List<@NotNull @Valid ClaimBody> claims,
        @JsonInclude(JsonInclude.Include.NON_NULL) Basis basis,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Size(max = 500) String note) implements DevelopmentFields {

    /** The same content under another id; absent lists become empty ones (they mean the same). */
    RecordDevelopmentRequest normalised(String id) {
        return new RecordDevelopmentRequest(id, type, occurred, title, summary, orEmpty(actors), orEmpty(topics),
                location, quote, position, sanctions, appointment, orEmpty(sources), orEmpty(claims), basis, note);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    @ValidOccurred
    record OccurredBody(
            @NotBlank @Size(max = 100) String value,
            @Size(max = 500) String text,
            @Size(max = 64) String zone) {
    }

    record ActorBody(
            @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String id,
            @NotNull ActorRole role) {
    }

    record SourceBody(
            @NotBlank @Size(max = 200) String outlet,
            @Size(max = 200) String via,
            @Size(max = 100) @EdtfValue String published,
            @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
            @Size(max = 300) String ref) {
    }

    record QuoteBody(@NotBlank @Size(max = 2000) String text, @NotNull Boolean verbatim) {
    }

    record PositionBody(
            @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String holder,
            @NotNull Stance stance,
            @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String on) {
    }

    record SanctionsBody(
            @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String by,
            @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String target,
            @JsonProperty("package") @Size(max = 100) String packageName,
            @NotNull Sanctions.Status status) {
    }

    record AppointmentBody(
            @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String person,
            @NotBlank @Size(max = 300) String office,
            @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String by) {
    }

    /**
     * {@code value} is any JSON value, bounded in size and depth ({@link BoundedValue}). {@code basis}
     * and {@code note} are left out of the request fingerprint when absent, so that bodies without
     * them fingerprint as before.
     */
    record ClaimBody(
            @NotNull @Pattern(regexp = Slugs.SUBJECT_PATTERN, message = Slugs.SUBJECT_MESSAGE) String subject,
            @NotNull @BoundedValue Object value,
            @JsonInclude(JsonInclude.Include.NON_NULL) Basis basis,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Size(max = 500) String note) {
    }
}
