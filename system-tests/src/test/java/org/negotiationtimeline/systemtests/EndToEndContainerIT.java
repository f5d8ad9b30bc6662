package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.systemtests.Development.development;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.systemtests.TimelineSystem.Recorded;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Every PostgreSQL scenario again, with Kafka and PostgreSQL in containers (Testcontainers): the
 * two packaged services run as processes, timeline-service publishing to the containerised broker
 * instead of its embedded one, both keeping their data in throwaway databases of the
 * containerised server. Official images by default, the local substitutes with
 * {@code -Dcontainer.images=local} (see {@link ContainerImages}). Skipped where no container
 * engine is reachable; CI prepares one (docker/local-images.sh), so there it runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@Tag("container")
class EndToEndContainerIT extends EndToEndPostgresIT {

    private static final String TOPIC = "negotiation-events";

    private KafkaContainer kafka;
    private PostgreSQLContainer postgresServer;

    @Override
    protected PostgresStorage postgresStorage() {
        kafka = new KafkaContainer(ContainerImages.image(ContainerImages.KAFKA));
        postgresServer = new PostgreSQLContainer(ContainerImages.image(ContainerImages.POSTGRES));
        try {
            Startables.deepStart(kafka, postgresServer).join();
        } catch (RuntimeException | Error e) {
            stopContainers();
            throw e;
        }
        System.out.println("[container-tests] " + getClass().getSimpleName() + ": Kafka " + kafka.getDockerImageName()
                + " at " + kafka.getBootstrapServers() + ", PostgreSQL " + postgresServer.getDockerImageName() + " at "
                + postgresServer.getHost() + ":" + postgresServer.getMappedPort(5432) + " (" + ContainerImages.describe() + ")");
        return PostgresStorage.create(
                new PostgresStorage.Server(postgresServer.getHost(), postgresServer.getMappedPort(5432),
                        postgresServer.getUsername(), postgresServer.getPassword()),
                kafka.getBootstrapServers(),
                this::stopContainers);
    }

    private void stopContainers() {
        try {
            if (kafka != null) {
                kafka.stop();
            }
        } finally {
            if (postgresServer != null) {
                postgresServer.stop();
            }
        }
    }

    /** The events travel through the containerised broker: the service created its topic there and wrote to it. */
    @Test
    void theEventsTravelThroughTheBrokerInTheContainer() throws Exception {
        String nid = "through-the-container";
        system.startNegotiation(nid, "Events carried by the broker in its container");
        Recorded recorded = system.record(development().report().in(nid)
                .occurred("2026-01-06").titled("Carried by the containerised broker").reportedBy("Reuters"));
        system.awaitInTimeline(nid, recorded.eventId());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
            assertThat(topic.partitions()).as("partitions of " + TOPIC + " (timeline.kafka.topic.partitions)").hasSize(3);

            Map<TopicPartition, OffsetSpec> latest = topic.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p.partition()), p -> OffsetSpec.latest()));
            long records = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
            assertThat(records).as("records in " + TOPIC + " on the containerised broker")
                    .isGreaterThanOrEqualTo(2); // at least this negotiation's start and its development
        }
    }
}
