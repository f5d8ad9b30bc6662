package org.negotiationtimeline.timeline.negotiation;

/**
 * A value that breaks a rule of the domain. Carries the request field it is about, so the HTTP
 * layer can name it in the problem response.
 */
public class InvalidDevelopmentException extends IllegalArgumentException {
    private final String field;

    public InvalidDevelopmentException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
