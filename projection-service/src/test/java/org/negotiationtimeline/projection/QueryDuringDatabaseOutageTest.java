package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.CuttableProxy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A query while the views' database cannot be reached is a 503 problem with Retry-After, not a
 * 500. The database is a real H2 server over TCP, behind a relay that cuts every connection and
 * refuses new ones, as when the database host goes away, and then lets them through again.
 */
class QueryDuringDatabaseOutageTest extends ProjectionServiceTestBase {

    private static final String NEGOTIATION = "outage-negotiation";
    private static Server database;

    @Autowired
    private DataSource dataSource;
    private static CuttableProxy network;

    @DynamicPropertySource
    static void viewsOverTheNetwork(DynamicPropertyRegistry registry) throws Exception {
        if (database == null) { // Spring may call this more than once: one server, one relay.
            database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            network = new CuttableProxy(database.getPort());
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + network.port() + "/mem:outage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        // The pool's own URL: bound after (so over) the base class's spring.datasource.url.
        registry.add("spring.datasource.hikari.jdbc-url", () -> url);
        // Give up on a connection after a second, not Hikari's default 30.
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        network.close();
        database.stop();
    }

    @Test
    void a_query_while_the_database_is_unreachable_is_a_503_problem_with_retry_after() throws Exception {
        topic.publish(negotiationStarted(NEGOTIATION).atSequence(0));
        eventually(() -> api.negotiation(NEGOTIATION));

        network.cut();
        try {
            for (String path : new String[] {"/api/negotiations/" + NEGOTIATION, "/api/negotiations/" + NEGOTIATION + "/timeline",
                    "/api/negotiations", "/api/negotiations/" + NEGOTIATION + "/state"}) {
                HttpResponse<String> reply = get(path);

                assertThat(reply.statusCode()).as(path + ": " + reply.body()).isEqualTo(503);
                assertThat(reply.headers().firstValue("Retry-After")).as(path).hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
                assertThat(reply.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
                assertThat(reply.body()).contains("\"type\":\"urn:negotiation-timeline:problem:unavailable\"")
                        .contains("\"instance\":\"" + path + "\"");
            }
            // A write position the views have not applied here is looked up in the database: down, that is a 503 too.
            HttpResponse<String> waiting = get("/api/negotiations?waitFor=not-applied-here:3");
            assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(503);
            assertThat(waiting.headers().firstValue("Retry-After")).isPresent();
            assertThat(waiting.body()).contains("\"type\":\"urn:negotiation-timeline:problem:unavailable\"");
        } finally {
            network.restore();
        }
        // H2 over TCP answers on a broken session with codes Hikari does not take for "connection lost"
        // (PostgreSQL's 08xxx it does): drop those connections, as the pool does on PostgreSQL.
        ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();
        eventually(() -> assertThat(get("/api/negotiations/" + NEGOTIATION).statusCode()).isEqualTo(200));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
