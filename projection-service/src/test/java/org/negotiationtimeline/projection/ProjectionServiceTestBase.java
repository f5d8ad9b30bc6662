package org.negotiationtimeline.projection;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.negotiationtimeline.projection.consuming.ProjectionConsumer;
import org.negotiationtimeline.projection.fixture.ProjectionApi;
import org.negotiationtimeline.projection.fixture.TimelineTopic;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole projection-service, started as in production, against a real Kafka broker (KRaft,
 * in-process, random ports, 3 partitions) and a real database (in-memory H2), both new for each
 * test class, with a consumer group of its own. Tests publish to the topic in the published format
 * and read the views over HTTP; they wait for the projection with {@link #eventually}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ProjectionServiceTestBase {

    protected static final String TOPIC = "negotiation-events";
    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    private static EmbeddedKafkaKraftBroker broker;
    private static String database;
    private static String groupId;

    /** The timeline's event topic, for publishing. */
    protected static TimelineTopic topic;

    @LocalServerPort
    private int port;

    /** The running service's query API. */
    protected ProjectionApi api;

    @BeforeAll
    static void startKafka() {
        broker = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
        broker.afterPropertiesSet();
        String run = UUID.randomUUID().toString().substring(0, 8);
        database = "projection-views-" + run;
        groupId = "projection-test-" + run;
        topic = TimelineTopic.on(broker.getBrokersAsString(), TOPIC);
    }

    @DynamicPropertySource
    static void connectToKafkaAndDatabase(DynamicPropertyRegistry registry) {
        registry.add("projection.kafka.bootstrap-servers", () -> broker.getBrokersAsString());
        registry.add("projection.kafka.group-id", () -> groupId);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        registry.add("projection.kafka.max-retry-backoff", () -> "2s");
    }

    @BeforeEach
    void connectToApi() {
        api = ProjectionApi.atPort(port);
    }

    /** The consumer stops before the broker does, so that it does not linger reconnecting to nothing. */
    @AfterAll
    static void stopKafka(@Autowired ProjectionConsumer consumer) {
        try {
            consumer.stop();
            topic.close();
        } finally {
            broker.destroy();
        }
    }

    protected static EmbeddedKafkaKraftBroker broker() {
        return broker;
    }

    protected static String groupId() {
        return groupId;
    }

    /** Retries the assertion until it holds, for at most {@link #PATIENCE}; the projection is asynchronous. */
    protected static void eventually(ThrowingRunnable assertion) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion);
    }
}
