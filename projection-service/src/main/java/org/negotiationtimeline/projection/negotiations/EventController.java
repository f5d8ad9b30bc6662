package org.negotiationtimeline.projection.negotiations;

import com.fasterxml.jackson.databind.JsonNode;
import org.negotiationtimeline.projection.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One development with its history of corrections and retractions. */
@RestController
class EventController {

    private final NegotiationQueries queries;

    EventController(NegotiationQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/events/{eventId}")
    JsonNode event(@PathVariable("eventId") String eventId) {
        return queries.event(eventId).orElseThrow(() -> new NotFoundException("no development '" + eventId + "'"));
    }
}
