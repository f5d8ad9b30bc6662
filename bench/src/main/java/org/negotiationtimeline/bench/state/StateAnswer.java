package org.negotiationtimeline.bench.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an answer to "the state at X as known at Y" says, reduced to what two ways of computing it
 * must agree on: the page of developments (event ids, in order) and whether more follow, the uncertain
 * developments (as a set: docs/queries.md gives them no order), the claims per subject (event id
 * and value, in order), the position held per holder and question (event id and stance), and each
 * document's version on the table with its provisions' statuses. Bodies are not compared field by
 * field: both sides take them from the same payloads.
 */
public record StateAnswer(List<String> developments, boolean hasMore, List<String> uncertain,
                          Map<String, List<String>> claims, Map<String, String> positions, List<String> documents) {

    public static StateAnswer of(JsonNode state) {
        List<String> developments = ids(state.path("developments"));
        List<String> uncertain = ids(state.path("uncertain"));
        uncertain.sort(null);
        Map<String, List<String>> claims = new TreeMap<>();
        for (JsonNode claim : state.path("claims")) {
            List<String> values = new ArrayList<>();
            claim.path("values").forEach(v -> values.add(v.path("eventId").asText() + "=" + v.path("value")));
            claims.put(claim.path("subject").asText(), values);
        }
        Map<String, String> positions = new TreeMap<>();
        for (JsonNode position : state.path("positions")) {
            positions.put(position.path("holder").asText() + "|" + position.path("on").asText(),
                    position.path("eventId").asText() + ":" + position.path("stance").asText());
        }
        List<String> documents = new ArrayList<>();
        for (JsonNode document : state.path("documents")) {
            StringBuilder text = new StringBuilder(document.path("id").asText()).append(" v")
                    .append(document.path("version").asInt()).append(':');
            document.path("provisions").forEach(p -> text.append(' ').append(p.path("id").asText()).append('=')
                    .append(p.path("status").asText()).append(p.has("statusBy") ? "(reported)" : ""));
            documents.add(text.toString());
        }
        return new StateAnswer(developments, hasMore(state.path("page")), uncertain, claims, positions, documents);
    }

    /** {@code page.hasMore}; from {@code page.total} for answers of projection-service before 7c1a246. */
    private static boolean hasMore(JsonNode page) {
        if (page.has("hasMore")) {
            return page.get("hasMore").asBoolean();
        }
        return page.path("total").asInt() > page.path("offset").asInt() + page.path("limit").asInt();
    }

    private static List<String> ids(JsonNode developments) {
        List<String> ids = new ArrayList<>();
        developments.forEach(d -> ids.add(d.path("eventId").asText()));
        return ids;
    }

    /** The number of claim values: the part of the answer that grows with the history. */
    public int claimValues() {
        return claims.values().stream().mapToInt(List::size).sum();
    }
}
