package org.negotiationtimeline.timeline.negotiation.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.negotiationtimeline.timeline.negotiation.ActorRole;
import org.negotiationtimeline.timeline.negotiation.DevelopmentType;

/** Body of {@code POST /api/negotiations/{nid}/events}. Unknown fields are rejected, not dropped. */
record RecordDevelopmentRequest(
        @Pattern(regexp = Slugs.EVENT_ID_PATTERN, message = Slugs.EVENT_ID_MESSAGE) String eventId,
        @NotNull DevelopmentType type,
        @NotNull @Valid OccurredBody occurred,
        @NotBlank @Size(max = 500) String title,
        @Size(max = 10_000) String summary,
        @Size(max = 100) List<@NotNull @Valid ActorBody> actors,
        @Size(max = 100) List<@NotBlank @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> topics,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid SourceBody> sources) {

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
            Instant published,
            @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
            @Size(max = 300) String ref) {
    }
}
