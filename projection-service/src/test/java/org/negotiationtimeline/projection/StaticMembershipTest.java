package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.consuming.ProjectionConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code projection.kafka.group-instance-id} set, a restarted instance takes its partitions
 * back at once. A static member does not leave the group when it stops, so stopping it leaves the
 * group as a crash would: waiting for its session (10 s, and 45 s would do too) to expire.
 */
@TestPropertySource(properties = {"projection.kafka.group-instance-id=projection-1",
        "projection.kafka.session-timeout=45s"})
class StaticMembershipTest extends ProjectionServiceTestBase {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    @Autowired
    private ProjectionConsumer consumer;

    @Test
    void a_restarted_static_member_consumes_again_at_once() throws Exception {
        topic.publish(negotiationStarted("before-restart").atSequence(0));
        eventually(() -> assertThat(api.get("/api/negotiations/before-restart").status()).isEqualTo(200));

        consumer.stop();
        long restarted = System.nanoTime();
        consumer.start();
        for (int i = 0; i < 6; i++) {
            topic.publish(negotiationStarted("after-restart-" + i).atSequence(0)); // on every partition
        }
        await("consuming again after the restart").atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> api.negotiations().size() == 7);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker().getBrokersAsString()))) {
            assertThat(admin.describeConsumerGroups(List.of(groupId())).all().get().get(groupId()).members())
                    .extracting(MemberDescription::groupInstanceId).containsExactly(Optional.of("projection-1"));
        }
        System.out.printf("[projection] static member consuming again %d ms after the restart%n",
                Duration.ofNanos(System.nanoTime() - restarted).toMillis());
    }
}
