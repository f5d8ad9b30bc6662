package org.negotiationtimeline.timeline.negotiation;

/**
 * How much of a version's text is known. Most drafts in the news are known only by their gist
 * ({@code REPORTED_ONLY}); the product says so rather than invent text.
 */
public enum TextAvailability {
    FULL, PARTIAL, REPORTED_ONLY
}
