package org.negotiationtimeline.timeline.negotiation.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Body of {@code POST /api/negotiations/{nid}/events/batch}: each item exactly the body of
 * {@code POST /api/negotiations/{nid}/events}, validated the same way and named {@code events[i]…}.
 * The count limit is configurable, so the controller checks it.
 */
record RecordDevelopmentsRequest(@NotEmpty List<@NotNull @Valid RecordDevelopmentRequest> events) {
}
