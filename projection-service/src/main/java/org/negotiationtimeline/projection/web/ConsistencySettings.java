package org.negotiationtimeline.projection.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Read-your-writes ({@code projection.consistency.*}; docs/api.md, Read your writes): how long a
 * read with {@code waitFor} waits for the views, and how many may wait at once. A waiting read
 * holds its request thread, so the caps keep most of Tomcat's threads for everyone else.
 *
 * @param maxWait              the longest a read waits for the views to apply a position; then 503 with Retry-After
 * @param recheckInterval      while waiting, how often the view database is read again, for a position applied by
 *                             another instance sharing it (this instance's own commits wake the waiter at once)
 * @param maxWaiters           reads waiting at once, at most; more are answered 503 at once
 * @param maxWaitersPerClient  reads waiting at once per client address; more are answered 429 at once
 */
@ConfigurationProperties("projection.consistency")
public record ConsistencySettings(
        @DefaultValue("5s") Duration maxWait,
        @DefaultValue("1s") Duration recheckInterval,
        @DefaultValue("64") int maxWaiters,
        @DefaultValue("8") int maxWaitersPerClient) {

    public ConsistencySettings {
        if (maxWait.isNegative() || recheckInterval.isNegative() || recheckInterval.isZero()
                || maxWaiters < 0 || maxWaitersPerClient < 0) {
            throw new IllegalArgumentException("projection.consistency: need max-wait >= 0, recheck-interval > 0 and "
                    + "non-negative waiter counts");
        }
    }
}
