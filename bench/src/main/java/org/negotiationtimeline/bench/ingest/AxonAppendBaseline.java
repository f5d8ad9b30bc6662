package org.negotiationtimeline.bench.ingest;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.json.JacksonSerializer;
import org.negotiationtimeline.bench.system.BenchSystem;
import org.negotiationtimeline.bench.workload.Command;
import org.negotiationtimeline.bench.workload.Lanes;

/**
 * Baseline for ingest: Axon's event store appending alone — the same development payloads, one
 * event per transaction as one command stores one, on the same PostgreSQL server, but without
 * HTTP, validation, aggregate loading, the event index or Kafka. Axon's JDBC engine rather than
 * the JPA one timeline-service uses: it is the leaner of the two, so this is a ceiling.
 */
public final class AxonAppendBaseline implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcEventStorageEngine engine;

    public AxonAppendBaseline(BenchSystem system, int maxClients) {
        String database = system.createScratchDatabase("axon_baseline");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(system.postgres().url(database));
        dataSource.setUsername(system.postgres().user());
        dataSource.setPassword(system.postgres().password());
        dataSource.setMaximumPoolSize(maxClients);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
    }

    /**
     * Appends each lane's developments as the events of one aggregate per lane, in order, each in
     * its own transaction.
     */
    public Lanes.Outcome append(List<List<Command>> lanes, int clients) {
        Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
        return Lanes.run(lanes, clients, command -> {
            String aggregate = command.path();
            long sequence = sequences.computeIfAbsent(aggregate, a -> new AtomicLong()).getAndIncrement();
            engine.appendEvents(new GenericDomainEventMessage<>("Negotiation", aggregate, sequence, command.body()));
        });
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
