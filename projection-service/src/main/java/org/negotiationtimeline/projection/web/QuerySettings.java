package org.negotiationtimeline.projection.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the query API ({@code projection.query.*}; docs/operations.md, Limits).
 *
 * @param defaultLimit   page size of the keyset-paged lists (timeline, negotiations, document versions) when
 *                       {@code limit} is not given
 * @param maxLimit       the largest {@code limit} any list accepts (the state's developments included)
 * @param maxOffset      the largest {@code offset} of the state query: a deep offset reads that many rows
 * @param maxDiffWords   provisions whose text has more words than this are compared without a word diff
 */
@ConfigurationProperties("projection.query")
public record QuerySettings(
        @DefaultValue("500") int defaultLimit,
        @DefaultValue("500") int maxLimit,
        @DefaultValue("10000") int maxOffset,
        @DefaultValue("10000") int maxDiffWords) {

    public QuerySettings {
        if (maxLimit < 1 || defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalArgumentException("projection.query: need 1 <= default-limit <= max-limit");
        }
    }

    /** The page size asked for, checked against {@link #maxLimit}; {@code fallback} when not given. */
    public int limit(Integer limit, int fallback) {
        int value = limit == null ? fallback : limit;
        if (value < 1 || value > maxLimit) {
            throw new BadQueryException("limit", "must be between 1 and " + maxLimit);
        }
        return value;
    }

    public int offset(Integer offset) {
        int value = offset == null ? 0 : offset;
        if (value < 0 || value > maxOffset) {
            throw new BadQueryException("offset", "must be between 0 and " + maxOffset);
        }
        return value;
    }
}
