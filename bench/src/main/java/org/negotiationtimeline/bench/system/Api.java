package org.negotiationtimeline.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.negotiationtimeline.bench.workload.Command;

/**
 * The services' public HTTP API as the bench uses it. Any answer other than the expected one
 * stops the run: a benchmark of failing requests would report nonsense.
 */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchSystem system;
    private final HttpClient http;

    public Api(BenchSystem system) {
        this.system = system;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "bench-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    public HttpClient client() {
        return http;
    }

    /** Sends a write and returns the response; fails unless it is 201 Created. */
    public HttpResponse<String> write(Command command) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(system.timeline(command.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + system.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(command.body().toString()))
                .build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + command.path() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    /** GET from projection-service; returns null on 404, fails on anything but 200 and 404. */
    public JsonNode read(String pathAndQuery) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(system.projection(pathAndQuery))
                .timeout(Duration.ofSeconds(60)).GET().build());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + pathAndQuery + " answered no JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage()
                    + " (is the system up?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static URI uri(String base) {
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }
}
