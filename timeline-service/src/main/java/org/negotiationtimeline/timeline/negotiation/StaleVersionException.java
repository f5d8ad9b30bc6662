package org.negotiationtimeline.timeline.negotiation;

/** A version written against an older version than the document's latest. */
public class StaleVersionException extends RuntimeException {
    public StaleVersionException(String documentId, int expected, int actual) {
        super("document '" + documentId + "' is at version " + actual + ", not " + expected);
    }
}
