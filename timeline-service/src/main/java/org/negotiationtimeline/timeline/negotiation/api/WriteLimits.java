package org.negotiationtimeline.timeline.negotiation.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on what one write may hold that a field's {@code @Size} cannot say (docs/operations.md,
 * "Limits", lists every limit with its property).
 *
 * @param claimValueMaxBytes a claim's value, serialised as JSON
 * @param claimValueMaxDepth how deeply a claim's value may nest objects and arrays
 * @param occurredMaxWidth   the widest {@code occurred} interval: the state query's uncertain
 *                           window grows with the widest form a negotiation ever had
 */
@ConfigurationProperties("timeline.limits")
public record WriteLimits(DataSize claimValueMaxBytes, int claimValueMaxDepth, Duration occurredMaxWidth) {
}
