package org.negotiationtimeline.systemtests;

/**
 * {@link TimelineCrashScenario} on the embedded default: H2 files (with {@code WRITE_DELAY=0}; without
 * it this test loses acknowledged developments) and the broker embedded in timeline-service.
 */
class TimelineCrashH2IT extends TimelineCrashScenario {

    @Override
    protected Storage storage() {
        return Storage.h2();
    }
}
