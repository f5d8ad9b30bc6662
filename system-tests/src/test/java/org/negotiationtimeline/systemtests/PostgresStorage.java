package org.negotiationtimeline.systemtests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two throwaway databases on the PostgreSQL server at 127.0.0.1:5432 (user {@code postgres}, trust
 * auth): one for timeline-service's event store, one for projection-service's views. Created with
 * random names, dropped (with {@code FORCE}) on {@link #close()}. The system properties
 * {@code system-tests.postgres.host} and {@code system-tests.postgres.port} point elsewhere.
 */
final class PostgresStorage implements Storage {

    static final String HOST = System.getProperty("system-tests.postgres.host", "127.0.0.1");
    static final int PORT = Integer.getInteger("system-tests.postgres.port", 5432);
    static final String USER = "postgres";
    private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";

    private final String eventsDatabase;
    private final String viewsDatabase;
    private boolean created;
    private boolean dropped;

    private PostgresStorage(String eventsDatabase, String viewsDatabase) {
        this.eventsDatabase = eventsDatabase;
        this.viewsDatabase = viewsDatabase;
    }

    /**
     * Creates the two databases. Fails, never skips, when the server is not reachable: CI starts it,
     * and a silently skipped run would hide that the production store is untested.
     */
    static PostgresStorage create() {
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        PostgresStorage storage = new PostgresStorage("tl_it_" + random + "_events", "tl_it_" + random + "_views");
        try (Connection admin = admin(); Statement sql = admin.createStatement()) {
            storage.created = true;
            sql.execute("CREATE DATABASE " + storage.eventsDatabase);
            sql.execute("CREATE DATABASE " + storage.viewsDatabase);
        } catch (SQLException e) {
            storage.close();
            throw new IllegalStateException("PostgreSQL is required by this test but is not usable at " + ADMIN_URL
                    + " as user '" + USER + "' without a password (CI starts it; locally start it, e.g. "
                    + "'pg_ctlcluster 15 main start'): " + e.getMessage(), e);
        }
        return storage;
    }

    private static Connection admin() throws SQLException {
        return connect(ADMIN_URL);
    }

    private static Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", "");
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, props);
    }

    String eventsUrl() {
        return url(eventsDatabase);
    }

    String viewsUrl() {
        return url(viewsDatabase);
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
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

    @Override
    public List<String> timelineArguments() {
        return datasource(eventsUrl());
    }

    @Override
    public List<String> projectionArguments() {
        return datasource(viewsUrl());
    }

    private static List<String> datasource(String url) {
        return List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + USER,
                "--spring.datasource.password=");
    }

    @Override
    public synchronized void close() {
        if (dropped || !created) {
            return;
        }
        dropped = true;
        try (Connection admin = admin(); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + eventsDatabase + " WITH (FORCE)");
            sql.execute("DROP DATABASE IF EXISTS " + viewsDatabase + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("[system-tests] could not drop " + eventsDatabase + " / " + viewsDatabase + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL databases " + eventsDatabase + " (events) and " + viewsDatabase + " (views)";
    }
}
