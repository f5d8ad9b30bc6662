package org.negotiationtimeline.timeline.eventstore;

import org.axonframework.common.caching.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loaded Negotiation aggregates in memory between commands. Without it every command
 * replays the negotiation's whole stream first, so writing a negotiation of n events costs
 * O(n²) (the benchmark's import showed it: docs/benchmarks.md).
 *
 * <p>Soft references ({@link SoftReferenceCache}): the garbage collector decides how many stay,
 * so the cache cannot exhaust the heap, and unlike weak ones they survive ordinary collections.
 *
 * <p>Limit: it assumes that one timeline-service instance writes a negotiation. When a second
 * instance writes the same negotiation, this one's cached copy becomes stale: its next append
 * collides on the stream's sequence number, the command fails and Axon evicts the entry, so a
 * retry succeeds. Nothing wrong is stored, but clients see the failure (docs/operations.md).
 */
@Configuration(proxyBeanMethods = false)
class AggregateCacheConfiguration {

    /** The name {@code @Aggregate(cache = ...)} on Negotiation refers to. */
    static final String NEGOTIATION_CACHE = "negotiationCache";

    @Bean(NEGOTIATION_CACHE)
    Cache negotiationCache() {
        return new SoftReferenceCache();
    }
}
