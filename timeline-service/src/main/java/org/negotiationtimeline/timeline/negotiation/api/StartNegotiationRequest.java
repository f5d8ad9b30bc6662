package org.negotiationtimeline.timeline.negotiation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/negotiations}. */
record StartNegotiationRequest(
        @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String id,
        @NotBlank @Size(max = 300) String title,
        @Size(max = 5000) String description) {
}
