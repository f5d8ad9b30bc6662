package org.negotiationtimeline.timeline.negotiation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What changed per provision from one version of a document to the next.
 *
 * <p>A provision's predecessors are its {@code derivedFrom} provisions, or else the provision
 * with the same id in the previous version. Then: none → ADDED; several → MERGED; one that
 * several new provisions share → SPLIT; one → AMENDED when both texts are known and differ,
 * RENUMBERED when only the number changed, UNCHANGED otherwise (an unknown text is never called
 * amended). A previous provision that no new one comes from → REMOVED.
 */
final class ProvisionChanges {

    private ProvisionChanges() {
    }

    /**
     * @param documentId  the document the versions belong to
     * @param previous    the previous version's provisions (empty for a first version)
     * @param next        the new version's provisions
     * @param lastFormOf  the latest earlier form of a provision, by qualified id {@code docId/pid}
     */
    static List<ProvisionChange> between(String documentId, List<Provision> previous, List<Provision> next,
                                         Function<String, Provision> lastFormOf) {
        Map<String, Provision> previousById = new HashMap<>();
        previous.forEach(p -> previousById.put(p.id(), p));
        Map<String, List<String>> predecessors = new HashMap<>();
        Map<String, Integer> descendants = new HashMap<>();
        for (Provision p : next) {
            List<String> from = !p.derivedFrom().isEmpty()
                    ? p.derivedFrom().stream().map(ref -> qualify(documentId, ref)).toList()
                    : previousById.containsKey(p.id()) ? List.of(documentId + "/" + p.id()) : List.of();
            predecessors.put(p.id(), from);
            from.forEach(q -> descendants.merge(q, 1, Integer::sum));
        }
        List<ProvisionChange> changes = new ArrayList<>();
        for (Provision p : next) {
            List<String> from = predecessors.get(p.id());
            changes.add(new ProvisionChange(p.id(), kind(p, from, descendants, lastFormOf), from));
        }
        Set<String> carriedOn = new LinkedHashSet<>(descendants.keySet());
        for (Provision p : previous) {
            String qualified = documentId + "/" + p.id();
            if (!carriedOn.contains(qualified)) {
                changes.add(new ProvisionChange(p.id(), ChangeKind.REMOVED, List.of(qualified)));
            }
        }
        return changes;
    }

    private static ChangeKind kind(Provision p, List<String> from, Map<String, Integer> descendants,
                                   Function<String, Provision> lastFormOf) {
        if (from.isEmpty()) {
            return ChangeKind.ADDED;
        }
        if (from.size() > 1) {
            return ChangeKind.MERGED;
        }
        if (descendants.get(from.get(0)) > 1) {
            return ChangeKind.SPLIT;
        }
        Provision before = lastFormOf.apply(from.get(0));
        if (before.text() != null && p.text() != null && !normalised(before.text()).equals(normalised(p.text()))) {
            return ChangeKind.AMENDED;
        }
        return Objects.equals(before.number(), p.number()) ? ChangeKind.UNCHANGED : ChangeKind.RENUMBERED;
    }

    /** {@code pid} means this document; {@code docId/pid} another one. */
    static String qualify(String documentId, String ref) {
        return ref.contains("/") ? ref : documentId + "/" + ref;
    }

    private static String normalised(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
