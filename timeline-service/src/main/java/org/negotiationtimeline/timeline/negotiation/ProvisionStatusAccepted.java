package org.negotiationtimeline.timeline.negotiation;

/**
 * The answer to {@link ChangeProvisionStatus}.
 *
 * @param sequence the status change's position in the negotiation's stream
 * @param replayed true when it had been recorded before and nothing new was stored
 */
public record ProvisionStatusAccepted(String documentId, String provisionId, long sequence, boolean replayed)
        implements DocumentAnswer {

    /** The provision's id qualified by its document, {@code docId/pid}, as the API names it. */
    public String qualifiedId() {
        return documentId + "/" + provisionId;
    }

    @Override
    public ProvisionStatusAccepted asReplayed() {
        return new ProvisionStatusAccepted(documentId, provisionId, sequence, true);
    }
}
