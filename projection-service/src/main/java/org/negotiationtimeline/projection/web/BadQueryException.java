package org.negotiationtimeline.projection.web;

/** A query parameter that cannot be understood; answered with a 400 naming it. */
public class BadQueryException extends RuntimeException {
    private final String field;

    public BadQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
