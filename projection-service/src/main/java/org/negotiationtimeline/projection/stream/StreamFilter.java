package org.negotiationtimeline.projection.stream;

import java.util.Set;

/**
 * What a subscriber asked for; null or empty means "any". A development matches when its form
 * does; a correction or retraction when the development's form before it or after it does, so a
 * subscriber learns when something it was sent changed, also when it no longer matches.
 */
public record StreamFilter(String negotiationId, Set<String> types, String actor, String topic) {

    public StreamFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    public boolean matches(StreamEntry entry) {
        if (negotiationId != null && !negotiationId.equals(entry.negotiationId())) {
            return false;
        }
        for (StreamEntry.Form form : entry.forms()) {
            if ((types.isEmpty() || types.contains(form.type()))
                    && (actor == null || form.actors().contains(actor))
                    && (topic == null || form.topics().contains(topic))) {
                return true;
            }
        }
        return false;
    }
}
