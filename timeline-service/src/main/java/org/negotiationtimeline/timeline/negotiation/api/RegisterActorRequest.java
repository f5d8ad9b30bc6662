package org.negotiationtimeline.timeline.negotiation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.negotiationtimeline.timeline.negotiation.ActorKind;

/** Body of {@code POST /api/negotiations/{nid}/actors}. */
record RegisterActorRequest(
        @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String id,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String affiliation,
        @NotNull ActorKind kind) {
}
