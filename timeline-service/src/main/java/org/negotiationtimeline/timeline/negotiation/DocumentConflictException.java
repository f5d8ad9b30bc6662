package org.negotiationtimeline.timeline.negotiation;

/** A document id already taken, in this negotiation by another document or by another negotiation. */
public class DocumentConflictException extends RuntimeException {
    public DocumentConflictException(String documentId) {
        super("document id '" + documentId + "' is already taken");
    }
}
