package org.negotiationtimeline.timeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;

/**
 * The ways a database outage reaches the HTTP layer, each a 503 (EventStoreOutageTest meets one or
 * the other depending on timing; these pin both), and a refusal that is not an outage.
 */
class DatabaseUnavailableTest {

    @Test
    void a_connection_the_server_ended_under_a_statement_is_an_outage_however_axon_wraps_it() {
        SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        EventStoreException wrapped = new EventStoreException("Cannot reuse aggregate identifier [x]",
                new jakarta.persistence.PersistenceException(terminated));
        assertThat(ProblemHandler.databaseUnavailable(wrapped)).isTrue();
        assertThat(ProblemHandler.databaseUnavailable(new SQLException("connection refused", "08001"))).isTrue();
    }

    @Test
    void a_new_connection_the_pool_could_not_get_is_an_outage() {
        assertThat(ProblemHandler.databaseUnavailable(new RuntimeException(
                new java.sql.SQLTransientConnectionException("Connection is not available, request timed out")))).isTrue();
    }

    @Test
    void a_constraint_violation_is_not_an_outage() {
        assertThat(ProblemHandler.databaseUnavailable(new EventStoreException("duplicate",
                new SQLException("duplicate key value", "23505")))).isFalse();
    }
}
