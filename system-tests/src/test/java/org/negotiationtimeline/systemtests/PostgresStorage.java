package org.negotiationtimeline.systemtests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two throwaway databases on a PostgreSQL server: one for timeline-service's event store, one for
 * projection-service's views. Created with random names, dropped (with {@code FORCE}) on
 * {@link #close()}. By default the server at 127.0.0.1:5432 (user {@code postgres}, trust auth; the
 * system properties {@code system-tests.postgres.host} and {@code system-tests.postgres.port} point
 * elsewhere); the container tests pass the server in their container, and their Kafka broker.
 */
final class PostgresStorage implements Storage {

    /** Where the server is and who may create databases on it. */
    record Server(String host, int port, String user, String password) {

        /** The server these machines run, as CI starts it. */
        static final Server LOCAL = new Server(System.getProperty("system-tests.postgres.host", "127.0.0.1"),
                Integer.getInteger("system-tests.postgres.port", 5432), "postgres", "");

        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private final Server server;
    private final String eventsDatabase;
    private final String viewsDatabase;
    private final String kafkaBootstrapServers;
    private final Runnable afterClose;
    private boolean created;
    private boolean dropped;

    private PostgresStorage(Server server, String eventsDatabase, String viewsDatabase, String kafkaBootstrapServers,
                            Runnable afterClose) {
        this.server = server;
        this.eventsDatabase = eventsDatabase;
        this.viewsDatabase = viewsDatabase;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.afterClose = afterClose;
    }

    /**
     * Creates the two databases on the local server. Fails, never skips, when the server is not
     * reachable: CI starts it, and a silently skipped run would hide that the production store is
     * untested.
     */
    static PostgresStorage create() {
        return create(Server.LOCAL, null, () -> { });
    }

    /**
     * Creates the two databases on {@code server}.
     *
     * @param kafkaBootstrapServers the Kafka cluster the services use, or {@code null} for the
     *                              broker embedded in timeline-service
     * @param afterClose            runs after the databases are dropped (e.g. stops containers),
     *                              and at once when the databases cannot be created
     */
    static PostgresStorage create(Server server, String kafkaBootstrapServers, Runnable afterClose) {
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        PostgresStorage storage = new PostgresStorage(server, "tl_it_" + random + "_events", "tl_it_" + random + "_views",
                kafkaBootstrapServers, afterClose);
        try (Connection admin = storage.admin(); Statement sql = admin.createStatement()) {
            storage.created = true;
            sql.execute("CREATE DATABASE " + storage.eventsDatabase);
            sql.execute("CREATE DATABASE " + storage.viewsDatabase);
        } catch (SQLException e) {
            storage.close();
            throw new IllegalStateException("PostgreSQL is required by this test but is not usable at "
                    + server.url("postgres") + " as user '" + server.user() + "' (CI starts it; locally start it, e.g. "
                    + "'pg_ctlcluster 15 main start'): " + e.getMessage(), e);
        }
        return storage;
    }

    private Connection admin() throws SQLException {
        return connect(server.url("postgres"));
    }

    private Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", server.user());
        props.setProperty("password", server.password());
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, props);
    }

    @Override
    public Optional<String> kafkaBootstrapServers() {
        return Optional.ofNullable(kafkaBootstrapServers);
    }

    String eventsUrl() {
        return server.url(eventsDatabase);
    }

    String viewsUrl() {
        return server.url(viewsDatabase);
    }

    /** A connection to timeline-service's event store database, for assertions on what it stored. */
    Connection connectToEvents() throws SQLException {
        return connect(eventsUrl());
    }

    /** A connection to projection-service's view database. */
    Connection connectToViews() throws SQLException {
        return connect(viewsUrl());
    }

    /**
     * The documented way to re-create the Kafka topic from the event store (docs/operations.md,
     * "Back up and rebuild"): delete the publisher's tracking tokens while timeline-service is
     * stopped, and it publishes every event again when it starts.
     *
     * @return how many token rows were deleted
     */
    int resetPublisherTokens() throws SQLException {
        try (Connection events = connectToEvents();
             Statement sql = events.createStatement()) {
            return sql.executeUpdate("DELETE FROM token_entry WHERE processor_name = 'kafka-publisher'");
        }
    }

    /**
     * The views' database refuses every new connection and its open ones are ended, as when it is
     * restarted, fails over or is out of connections: {@code ALLOW_CONNECTIONS false}, then
     * {@code pg_terminate_backend} on each session. {@link #allowViewConnections()} undoes it.
     *
     * @return how many sessions were ended
     */
    int refuseViewConnections() throws SQLException {
        try (Connection admin = admin(); Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + viewsDatabase + " ALLOW_CONNECTIONS false");
            try (var ended = sql.executeQuery("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    + "WHERE datname = '" + viewsDatabase + "' AND pid <> pg_backend_pid()")) {
                ended.next();
                return ended.getInt(1);
            }
        }
    }

    /** The views' database takes connections again. */
    void allowViewConnections() throws SQLException {
        try (Connection admin = admin(); Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + viewsDatabase + " ALLOW_CONNECTIONS true");
        }
    }

    @Override
    public List<String> timelineArguments() {
        return datasource(eventsUrl());
    }

    @Override
    public List<String> projectionArguments() {
        return datasource(viewsUrl());
    }

    private List<String> datasource(String url) {
        return List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + server.user(),
                "--spring.datasource.password=" + server.password());
    }

    @Override
    public synchronized void close() {
        if (dropped) {
            return;
        }
        dropped = true;
        try {
            if (created) {
                try (Connection admin = admin(); Statement sql = admin.createStatement()) {
                    sql.execute("DROP DATABASE IF EXISTS " + eventsDatabase + " WITH (FORCE)");
                    sql.execute("DROP DATABASE IF EXISTS " + viewsDatabase + " WITH (FORCE)");
                } catch (SQLException e) {
                    System.err.println("[system-tests] could not drop " + eventsDatabase + " / " + viewsDatabase + ": " + e);
                }
            }
        } finally {
            afterClose.run();
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL databases " + eventsDatabase + " (events) and " + viewsDatabase + " (views) on "
                + server.host() + ":" + server.port()
                + (kafkaBootstrapServers == null ? "" : ", Kafka at " + kafkaBootstrapServers);
    }
}
