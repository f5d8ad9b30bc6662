package org.negotiationtimeline.timeline.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.negotiationtimeline.timeline.negotiation.NegotiationEvent;

/**
 * Refuses, inside the command's unit of work, an event whose published form would exceed
 * {@code maxBytes}: such an event would be stored and then never accepted by Kafka (its
 * {@code max.request.size}), wedging its segment of the publisher while writes still got 201.
 * Registered as a dispatch interceptor on the event store, so it sees every event an aggregate
 * applies, before anything is committed; the command fails and nothing is stored.
 *
 * <p>Limit: it measures the payload as {@link EventJson} writes it. The record's headers and
 * framing come on top, so {@code maxBytes} must leave room below the producer's limit
 * ({@code timeline.kafka.max-request-size}; {@link EventSizeConfiguration} warns at start if it does not)
 * and the broker's ({@code message.max.bytes}, about 1 MB by default).
 */
public final class EventSizeLimit implements MessageDispatchInterceptor<EventMessage<?>> {

    private final long maxBytes;

    public EventSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
            if (message.getPayload() instanceof NegotiationEvent event) {
                long size;
                try {
                    size = EventJson.MAPPER.writeValueAsBytes(event).length;
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
                }
                if (size > maxBytes) {
                    throw new EventTooLargeException(event.getClass().getSimpleName(), size, maxBytes);
                }
            }
            return message;
        };
    }

    /** The refusal: the command stores nothing; the HTTP layer answers 413. */
    public static final class EventTooLargeException extends RuntimeException {
        public EventTooLargeException(String type, long size, long maxBytes) {
            super("the " + type + " event this request makes would be " + size + " bytes as published; at most "
                    + maxBytes + " (docs/operations.md, Limits)");
        }
    }
}
