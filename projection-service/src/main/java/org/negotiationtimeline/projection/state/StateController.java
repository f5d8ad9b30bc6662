package org.negotiationtimeline.projection.state;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.negotiationtimeline.projection.negotiations.NegotiationQueries;
import org.negotiationtimeline.projection.web.BasisFilter;
import org.negotiationtimeline.projection.web.NotFoundException;
import org.negotiationtimeline.projection.web.QuerySettings;
import org.negotiationtimeline.projection.web.QueryTimes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/negotiations/{nid}/state?at=&knownAt=}: the state of the deal at a date. */
@RestController
class StateController {

    private static final int DEFAULT_LIMIT = 50;

    private final StateIndexes state;
    private final NegotiationQueries negotiations;
    private final Clock clock;
    private final QuerySettings settings;

    StateController(StateIndexes state, NegotiationQueries negotiations, Clock clock, QuerySettings settings) {
        this.state = state;
        this.negotiations = negotiations;
        this.clock = clock;
        this.settings = settings;
    }

    /** The answer's JSON is assembled by the index from ready fragments and written as it is, not serialised here. */
    @GetMapping("/api/negotiations/{nid}/state")
    void state(@PathVariable("nid") String negotiationId,
                   @RequestParam(name = "at", required = false) String at,
                   @RequestParam(name = "knownAt", required = false) String knownAt,
                   @RequestParam(name = "zone", required = false) String zone,
                   @RequestParam(name = "limit", required = false) Integer limit,
                   @RequestParam(name = "offset", required = false) Integer offset,
                   @RequestParam(name = "basis", required = false) String basis,
                   HttpServletResponse response) throws IOException {
        QueryTimes times = QueryTimes.in(zone);
        Instant now = clock.instant();
        Instant atInstant = at == null ? now : times.endOf("at", at);
        Instant known = knownAt == null ? now : times.endOf("knownAt", knownAt);
        int pageSize = settings.limit(limit, Math.min(DEFAULT_LIMIT, settings.maxLimit()));
        int skip = settings.offset(offset);
        boolean reportedOnly = BasisFilter.reportedOnly(basis);
        negotiations.byId(negotiationId).orElseThrow(() -> new NotFoundException("no negotiation '" + negotiationId + "'"));
        JsonAnswer answer = state.state(negotiationId, atInstant, known, pageSize, skip, reportedOnly);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(answer.length());
        answer.writeTo(response.getOutputStream());
    }
}
