package org.negotiationtimeline.systemtests;

/**
 * {@link TimelineCrashScenario} on the production store: the event store and the views in
 * throwaway PostgreSQL databases, the broker embedded in timeline-service (killed with it).
 */
class TimelineCrashPostgresIT extends TimelineCrashScenario {

    @Override
    protected Storage storage() {
        return PostgresStorage.create();
    }
}
