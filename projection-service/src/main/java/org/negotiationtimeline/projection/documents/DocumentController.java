package org.negotiationtimeline.projection.documents;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.negotiationtimeline.projection.web.BadQueryException;
import org.negotiationtimeline.projection.web.NotFoundException;
import org.negotiationtimeline.projection.web.Page;
import org.negotiationtimeline.projection.web.PageLinks;
import org.negotiationtimeline.projection.web.QuerySettings;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Document versions, comparisons and provision histories. */
@RestController
class DocumentController {

    private final DocumentQueries queries;
    private final QuerySettings settings;

    DocumentController(DocumentQueries queries, QuerySettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    @GetMapping("/api/documents/{docId}/versions")
    ResponseEntity<List<JsonNode>> versions(@PathVariable("docId") String documentId,
                                            @RequestParam(name = "limit", required = false) Integer limit,
                                            @RequestParam(name = "cursor", required = false) String cursor,
                                            HttpServletRequest request) {
        int pageSize = settings.limit(limit, settings.defaultLimit());
        queries.document(documentId).orElseThrow(() -> new NotFoundException("no document '" + documentId + "'"));
        Page<JsonNode> page = queries.versions(documentId, cursor, pageSize);
        return ResponseEntity.ok().headers(PageLinks.next(request, page.next())).body(page.items());
    }

    @GetMapping("/api/documents/{docId}/versions/{v}")
    JsonNode version(@PathVariable("docId") String documentId, @PathVariable("v") String version) {
        DocumentQueries.VersionRef ref = new DocumentQueries.VersionRef(documentId, number("v", version));
        return queries.version(ref).orElseThrow(() -> new NotFoundException("no version " + ref));
    }

    @GetMapping("/api/compare")
    List<JsonNode> compare(@RequestParam(name = "from", required = false) String from,
                           @RequestParam(name = "to", required = false) String to) {
        DocumentQueries.VersionRef before = ref("from", from);
        DocumentQueries.VersionRef after = ref("to", to);
        queries.version(before).orElseThrow(() -> new NotFoundException("no version " + before));
        queries.version(after).orElseThrow(() -> new NotFoundException("no version " + after));
        return queries.compare(before, after);
    }

    @GetMapping("/api/provisions/{docId}/{pid}/history")
    JsonNode history(@PathVariable("docId") String documentId, @PathVariable("pid") String provisionId) {
        return queries.history(documentId, provisionId)
                .orElseThrow(() -> new NotFoundException("no provision '" + provisionId + "' in '" + documentId + "'"));
    }

    private static DocumentQueries.VersionRef ref(String field, String value) {
        if (value == null || !value.matches("[a-z0-9][a-z0-9-]{0,63}@[0-9]{1,9}")) {
            throw new BadQueryException(field, "must be docId@version, e.g. plan-28@1");
        }
        int at = value.indexOf('@');
        return new DocumentQueries.VersionRef(value.substring(0, at), Integer.parseInt(value.substring(at + 1)));
    }

    private static int number(String field, String value) {
        if (!value.matches("[0-9]{1,9}")) {
            throw new BadQueryException(field, "must be a version number");
        }
        return Integer.parseInt(value);
    }
}
