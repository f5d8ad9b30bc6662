package org.negotiationtimeline.projection.web;

/** The thing asked for is not in the views (yet). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
