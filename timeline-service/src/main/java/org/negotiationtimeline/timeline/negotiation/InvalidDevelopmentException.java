package org.negotiationtimeline.timeline.negotiation;

import java.util.OptionalInt;

/**
 * A value that breaks a rule of the domain. Carries the request field it is about, so the HTTP
 * layer can name it in the problem response, and in a batch the position of the item it is about.
 */
public class InvalidDevelopmentException extends IllegalArgumentException {
    private final String field;
    private final int item;

    public InvalidDevelopmentException(String field, String message) {
        this(field, message, -1);
    }

    private InvalidDevelopmentException(String field, String message, int item) {
        super(message);
        this.field = field;
        this.item = item;
    }

    /** The same refusal, about item {@code index} (from 0) of a {@link RecordDevelopments}. */
    public InvalidDevelopmentException inItem(int index) {
        InvalidDevelopmentException e = new InvalidDevelopmentException(field, getMessage(), index);
        e.initCause(this);
        return e;
    }

    public String field() {
        return field;
    }

    /** The batch item the field belongs to; empty outside a batch. */
    public OptionalInt item() {
        return item < 0 ? OptionalInt.empty() : OptionalInt.of(item);
    }
}
