package org.negotiationtimeline.projection.web;

import java.util.regex.Pattern;

/**
 * A write's position, as timeline-service answers it in {@code Negotiation-Position} and a read
 * names it in {@code waitFor}: {@code {negotiation}:{sequence}}, the sequence of the write's (last)
 * event in that negotiation's stream. Slugs hold no colon, so the form cannot be ambiguous.
 */
public record WritePosition(String negotiationId, long sequence) {

    /** The query parameter of every read (docs/api.md, Read your writes). */
    public static final String PARAMETER = "waitFor";

    private static final Pattern FORM = Pattern.compile("([a-z0-9][a-z0-9-]{0,63}):(0|[1-9][0-9]{0,17})");

    /** @throws BadQueryException naming {@link #PARAMETER} when the value is not a position */
    public static WritePosition parse(String value) {
        var matcher = FORM.matcher(value == null ? "" : value);
        if (!matcher.matches()) {
            throw new BadQueryException(PARAMETER, "must be a write's position, {negotiation}:{sequence}, "
                    + "as its Negotiation-Position header gives it");
        }
        return new WritePosition(matcher.group(1), Long.parseLong(matcher.group(2)));
    }

    @Override
    public String toString() {
        return negotiationId + ":" + sequence;
    }
}
