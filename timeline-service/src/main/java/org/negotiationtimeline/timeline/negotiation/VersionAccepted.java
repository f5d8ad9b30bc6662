package org.negotiationtimeline.timeline.negotiation;

import java.util.List;

/** The answer to {@link AddVersion}: the version number and what changed. */
public record VersionAccepted(String documentId, int version, List<ProvisionChange> changes, long sequence,
                              boolean replayed) implements DocumentAnswer {

    @Override
    public VersionAccepted asReplayed() {
        return new VersionAccepted(documentId, version, changes, sequence, true);
    }
}
