package org.negotiationtimeline.projection.negotiations;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.negotiationtimeline.projection.web.BadQueryException;
import org.negotiationtimeline.projection.web.BasisFilter;
import org.negotiationtimeline.projection.web.NotFoundException;
import org.negotiationtimeline.projection.web.Page;
import org.negotiationtimeline.projection.web.PageLinks;
import org.negotiationtimeline.projection.web.QuerySettings;
import org.negotiationtimeline.projection.web.QueryTimes;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/negotiations")
class NegotiationController {

    private static final Set<String> TYPES = Set.of("MEETING", "STATEMENT", "POSITION", "SANCTIONS", "APPOINTMENT", "REPORT", "OTHER");

    private final NegotiationQueries queries;
    private final QuerySettings settings;

    NegotiationController(NegotiationQueries queries, QuerySettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    @GetMapping
    ResponseEntity<List<NegotiationQueries.NegotiationSummary>> all(@RequestParam(name = "limit", required = false) Integer limit,
                                                                    @RequestParam(name = "cursor", required = false) String cursor,
                                                                    HttpServletRequest request) {
        Page<NegotiationQueries.NegotiationSummary> page = queries.all(cursor, settings.limit(limit, settings.defaultLimit()));
        return ResponseEntity.ok().headers(PageLinks.next(request, page.next())).body(page.items());
    }

    @GetMapping("/{nid}")
    NegotiationQueries.NegotiationSummary one(@PathVariable("nid") String id) {
        return queries.byId(id).orElseThrow(() -> new NotFoundException("no negotiation '" + id + "'"));
    }

    @GetMapping("/{nid}/actors")
    List<NegotiationQueries.Actor> actors(@PathVariable("nid") String id) {
        queries.byId(id).orElseThrow(() -> new NotFoundException("no negotiation '" + id + "'"));
        return queries.actors(id);
    }

    @GetMapping("/{nid}/timeline")
    ResponseEntity<List<JsonNode>> timeline(@PathVariable("nid") String id,
                            @RequestParam(name = "from", required = false) String from,
                            @RequestParam(name = "to", required = false) String to,
                            @RequestParam(name = "type", required = false) List<String> types,
                            @RequestParam(name = "actor", required = false) String actor,
                            @RequestParam(name = "topic", required = false) String topic,
                            @RequestParam(name = "knownAt", required = false) String knownAt,
                            @RequestParam(name = "zone", required = false) String zone,
                            @RequestParam(name = "includeRetracted", defaultValue = "false") boolean includeRetracted,
                            @RequestParam(name = "basis", required = false) String basis,
                            @RequestParam(name = "limit", required = false) Integer limit,
                            @RequestParam(name = "cursor", required = false) String cursor,
                            HttpServletRequest request) {
        int pageSize = settings.limit(limit, settings.defaultLimit());
        QueryTimes times = QueryTimes.in(zone);
        Instant fromInstant = from == null ? null : times.startOf("from", from);
        Instant toInstant = to == null ? null : times.endOf("to", to);
        Instant known = knownAt == null ? null : times.endOf("knownAt", knownAt);
        Set<String> typeSet = types == null ? Set.of() : Set.copyOf(types);
        for (String type : typeSet) {
            if (!TYPES.contains(type)) {
                throw new BadQueryException("type", "must be one of " + TYPES.stream().sorted().toList());
            }
        }
        queries.byId(id).orElseThrow(() -> new NotFoundException("no negotiation '" + id + "'"));
        Page<JsonNode> page = queries.timeline(id, new NegotiationQueries.TimelineFilter(fromInstant, toInstant, typeSet, actor,
                topic, known, includeRetracted, BasisFilter.reportedOnly(basis)), cursor, pageSize);
        return ResponseEntity.ok().headers(PageLinks.next(request, page.next())).body(page.items());
    }
}
