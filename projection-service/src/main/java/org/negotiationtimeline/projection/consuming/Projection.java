package org.negotiationtimeline.projection.consuming;

/**
 * A view built from the topic. {@link #apply} runs inside the consumer's transaction, together
 * with the stored positions, and is called at most once per {@code (streamId, sequence)}.
 * It must read and check everything it needs before it writes: an exception other than a
 * {@code DataAccessException} parks the event as a dead letter and the batch goes on.
 */
public interface Projection {
    void apply(TimelineMessage message);
}
