package org.negotiationtimeline.projection.consuming;

/**
 * A view built from the topic. {@link #apply} runs inside the consumer's transaction, together
 * with the stored positions, and is called at most once per {@code (streamId, sequence)}.
 */
public interface Projection {
    void apply(TimelineMessage message);
}
