package org.negotiationtimeline.timeline.negotiation;

/** A command about a document that was never created. */
public class UnknownDocumentException extends RuntimeException {
    public UnknownDocumentException(String documentId) {
        super("no document '" + documentId + "'");
    }
}
