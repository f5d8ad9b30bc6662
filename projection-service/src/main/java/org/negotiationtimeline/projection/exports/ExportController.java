package org.negotiationtimeline.projection.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.negotiationtimeline.projection.documents.DocumentQueries;
import org.negotiationtimeline.projection.negotiations.NegotiationQueries;
import org.negotiationtimeline.projection.web.NotFoundException;
import org.negotiationtimeline.projection.web.Page;
import org.negotiationtimeline.projection.web.QueryTimes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A negotiation's whole timeline in the formats newsrooms and analysts load elsewhere: TimelineJS
 * JSON and CSV; and the whole negotiation as a re-loadable dataset (JSON Lines). TimelineJS and CSV read the timeline view page by page, in its order (earliest first), and take
 * {@code knownAt} (as recorded by then) and {@code includeRetracted} like the timeline does.
 */
@RestController
class ExportController {

    /** Rows fetched per round trip to the views; the export is as long as the timeline. */
    private static final int PAGE = 500;

    private final NegotiationQueries queries;
    private final DocumentQueries documents;
    private final ObjectMapper json;

    ExportController(NegotiationQueries queries, DocumentQueries documents, ObjectMapper json) {
        this.queries = queries;
        this.documents = documents;
        this.json = json;
    }

    @GetMapping(path = "/api/negotiations/{nid}/export/timelinejs", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode timelineJs(@PathVariable("nid") String id,
                          @RequestParam(name = "knownAt", required = false) String knownAt,
                          @RequestParam(name = "includeRetracted", defaultValue = "false") boolean includeRetracted) {
        NegotiationQueries.NegotiationSummary negotiation = negotiation(id);
        ObjectNode root = TimelineJs.start(json, negotiation.title(), negotiation.description());
        ArrayNode events = (ArrayNode) root.get("events");
        eachItem(id, knownAt, includeRetracted, item -> TimelineJs.add(events, item));
        return root;
    }

    @GetMapping(path = "/api/negotiations/{nid}/export/csv")
    void csv(@PathVariable("nid") String id,
             @RequestParam(name = "knownAt", required = false) String knownAt,
             @RequestParam(name = "includeRetracted", defaultValue = "false") boolean includeRetracted,
             HttpServletResponse response) throws IOException {
        negotiation(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer out = response.getWriter();
        out.write(Csv.header());
        eachItem(id, knownAt, includeRetracted, item -> {
            try {
                out.write(Csv.row(item));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        out.flush();
    }

    /** The negotiation as a dataset that {@code load-dataset} replays (see {@link JsonLines}). */
    @GetMapping(path = "/api/negotiations/{nid}/export/jsonl")
    void jsonLines(@PathVariable("nid") String id,
                   @RequestParam(name = "knownAt", required = false) String knownAt,
                   HttpServletResponse response) throws IOException {
        NegotiationQueries.NegotiationSummary negotiation = negotiation(id);
        Instant known = knownAt == null ? null : QueryTimes.in(null).endOf("knownAt", knownAt);
        List<ObjectNode> lines = JsonLines.of(json, negotiation, queries, documents, known);
        response.setContentType("application/jsonl;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".jsonl\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer out = response.getWriter();
        for (ObjectNode line : lines) {
            out.write(json.writeValueAsString(line));
            out.write('\n');
        }
        out.flush();
    }

    private NegotiationQueries.NegotiationSummary negotiation(String id) {
        return queries.byId(id).orElseThrow(() -> new NotFoundException("no negotiation '" + id + "'"));
    }

    private void eachItem(String id, String knownAt, boolean includeRetracted, Consumer<JsonNode> each) {
        Instant known = knownAt == null ? null : QueryTimes.in(null).endOf("knownAt", knownAt);
        NegotiationQueries.TimelineFilter filter = new NegotiationQueries.TimelineFilter(null, null, Set.of(), null, null,
                known, includeRetracted);
        String cursor = null;
        do {
            Page<JsonNode> page = queries.timeline(id, filter, cursor, PAGE);
            page.items().forEach(each);
            cursor = page.next();
        } while (cursor != null);
    }
}
