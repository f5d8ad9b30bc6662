package org.negotiationtimeline.systemtests;

import java.time.Duration;

/**
 * How big the fault tests' load is. CI-sized by default; issue 14's full scale with
 * {@code -Dfaults.scale=full} (10,000 developments, 8 clients, 3 faults, batches of 10). Each
 * figure can be set alone: {@code -Dfaults.developments=…}, {@code -Dfaults.clients=…},
 * {@code -Dfaults.kills=…}, {@code -Dfaults.batch-size=…} (0: single posts only),
 * {@code -Dfaults.load-seconds=…} (the shortest time the load is spread over; 0: as fast as the
 * clients go). docs/reliability.md has the commands.
 *
 * @param developments how many developments the clients post in all
 * @param clients      concurrent clients
 * @param kills        how many times the fault is injected during the load
 * @param batchSize    developments per batch request; every other request is a single post
 * @param loadTime     the load is spread over at least this long, so that faults hit it mid-way
 */
record FaultScale(int developments, int clients, int kills, int batchSize, Duration loadTime) {

    static final boolean FULL = "full".equals(System.getProperty("faults.scale", "ci"));

    /**
     * The scale for one test.
     *
     * @param ciKills    faults injected at CI scale (full scale: 3)
     * @param ciLoadTime the CI load's shortest duration (full scale: as fast as the clients go; 10,000
     *                   developments take minutes anyway)
     */
    static FaultScale of(int ciKills, Duration ciLoadTime) {
        return new FaultScale(
                Integer.getInteger("faults.developments", FULL ? 10_000 : 300),
                Integer.getInteger("faults.clients", FULL ? 8 : 4),
                Integer.getInteger("faults.kills", FULL ? 3 : ciKills),
                Integer.getInteger("faults.batch-size", FULL ? 10 : 5),
                Duration.ofSeconds(Long.getLong("faults.load-seconds", FULL ? 0 : ciLoadTime.toSeconds())));
    }

    /** The developments acknowledged before the {@code k}-th fault (from 1): evenly spread over the load. */
    int threshold(int k) {
        return developments * k / (kills + 1);
    }

    @Override
    public String toString() {
        return developments + " developments, " + clients + " clients, " + kills + " faults, "
                + (batchSize > 0 ? "every other request a batch of " + batchSize : "single posts only")
                + (loadTime.isZero() ? "" : ", spread over ≥ " + loadTime.toSeconds() + " s");
    }
}
