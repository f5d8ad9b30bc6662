package org.negotiationtimeline.timeline.negotiation;

import java.util.List;

/**
 * What happened to one provision.
 *
 * @param provision the provision of the new version (for REMOVED: of the previous one)
 * @param from      the qualified ids ({@code docId/pid}) it comes from; empty for ADDED
 */
public record ProvisionChange(String provision, ChangeKind change, List<String> from) {

    public ProvisionChange {
        from = List.copyOf(from);
    }
}
