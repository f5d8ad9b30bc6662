package org.negotiationtimeline.projection.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import org.negotiationtimeline.projection.negotiations.NegotiationQueries;
import org.negotiationtimeline.projection.web.BadQueryException;
import org.negotiationtimeline.projection.web.NotFoundException;
import org.negotiationtimeline.projection.web.QueryTimes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/negotiations/{nid}/state?at=&knownAt=}: the state of the deal at a date. */
@RestController
class StateController {

    private static final int MAX_LIMIT = 500;

    private final StateQueries state;
    private final NegotiationQueries negotiations;
    private final Clock clock;

    StateController(StateQueries state, NegotiationQueries negotiations, Clock clock) {
        this.state = state;
        this.negotiations = negotiations;
        this.clock = clock;
    }

    @GetMapping("/api/negotiations/{nid}/state")
    JsonNode state(@PathVariable("nid") String negotiationId,
                   @RequestParam(name = "at", required = false) String at,
                   @RequestParam(name = "knownAt", required = false) String knownAt,
                   @RequestParam(name = "zone", required = false) String zone,
                   @RequestParam(name = "limit", defaultValue = "50") int limit,
                   @RequestParam(name = "offset", defaultValue = "0") int offset) {
        QueryTimes times = QueryTimes.in(zone);
        Instant now = clock.instant();
        Instant atInstant = at == null ? now : times.endOf("at", at);
        Instant known = knownAt == null ? now : times.endOf("knownAt", knownAt);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadQueryException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new BadQueryException("offset", "must not be negative");
        }
        negotiations.byId(negotiationId).orElseThrow(() -> new NotFoundException("no negotiation '" + negotiationId + "'"));
        return state.state(negotiationId, atInstant, known, limit, offset);
    }
}
