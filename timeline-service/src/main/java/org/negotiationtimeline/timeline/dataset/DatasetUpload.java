package org.negotiationtimeline.timeline.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a dataset — JSON Lines of commands (docs/dataset.md) — into a running timeline-service
 * through its public HTTP API, so a dataset passes exactly the validation any client's writes pass.
 *
 * <p>Idempotent: every development carries its own {@code eventId} and every correction or
 * retraction its own {@code id} (sent as {@code Idempotency-Key}), so loading a dataset again
 * stores nothing new; an existing negotiation, an identical actor, document, version or status is
 * recognised. Stops at the
 * first line the service refuses, naming the line.
 */
public final class DatasetUpload {

    /**
     * What a load did: how many lines stored something, how many were already there, and per
     * negotiation the furthest position its writes answered ({@code Negotiation-Position}): a read
     * that names them in {@code waitFor} sees the whole dataset.
     */
    public record Result(int stored, int alreadyPresent, List<String> positions) {
    }

    /** A line the service refused, or that is not a dataset line at all. */
    public static class DatasetException extends RuntimeException {
        DatasetException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** timeline-service's answer header naming a write's position (docs/api.md, Read your writes). */
    private static final String POSITION = "Negotiation-Position";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;

    public DatasetUpload(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public Result upload(String name, BufferedReader lines) throws IOException, InterruptedException {
        int stored = 0;
        int present = 0;
        int number = 0;
        Map<String, String> positions = new LinkedHashMap<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode command = JSON.readTree(line);
            String op = command.path("op").asText();
            JsonNode body = command.path("body");
            String negotiation = command.path("negotiation").asText();
            String document = command.path("document").asText();
            String event = command.path("event").asText();
            String path = switch (op) {
                case "negotiation" -> "/api/negotiations";
                case "actor" -> "/api/negotiations/" + negotiation + "/actors";
                case "development" -> "/api/negotiations/" + negotiation + "/events";
                case "document" -> "/api/negotiations/" + negotiation + "/documents";
                case "version" -> "/api/documents/" + document + "/versions";
                case "provision-status" -> "/api/documents/" + document + "/provisions/"
                        + command.path("provision").asText() + "/status";
                case "correction" -> "/api/events/" + event + "/corrections";
                case "retraction" -> "/api/events/" + event + "/retraction";
                default -> throw new DatasetException(name + " line " + number + ": unknown op '" + op + "'");
            };
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (command.hasNonNull("id")) {
                // An amendment's own id: kept, so that loading it again is recognised.
                request.header("Idempotency-Key", command.get("id").asText());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue(POSITION).ifPresent(position -> positions.merge(
                    position.substring(0, position.lastIndexOf(':')), position, DatasetUpload::later));
            boolean replayed = response.headers().firstValue("Idempotent-Replayed").map(Boolean::parseBoolean).orElse(false);
            if (response.statusCode() == 201 && !replayed) {
                stored++;
            } else if (response.statusCode() == 201 || (op.equals("negotiation") && response.statusCode() == 409)) {
                present++;
            } else {
                throw new DatasetException(name + " line " + number + " (" + op + " " + id(command, body) + "): "
                        + response.statusCode() + " " + response.body());
            }
        }
        return new Result(stored, present, List.copyOf(positions.values()));
    }

    /**
     * Waits until projection-service at {@code readBase} has applied every position (each read
     * with {@code waitFor} waits there, bounded; a 503 or 429 is asked again after its
     * Retry-After), for at most {@code patience}.
     *
     * @throws DatasetException when the views do not get there in time, or a read fails otherwise
     */
    public void awaitViews(URI readBase, List<String> positions, Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (String position : positions) {
            String negotiation = position.substring(0, position.lastIndexOf(':'));
            URI uri = readBase.resolve("/api/negotiations/" + negotiation + "?waitFor=" + position);
            while (true) {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    break;
                }
                boolean later = response.statusCode() == 503 || response.statusCode() == 429;
                long pause = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                if (!later || System.nanoTime() + Duration.ofSeconds(pause).toNanos() > deadline) {
                    throw new DatasetException("the views at " + readBase + " have not shown " + position + " within "
                            + patience + ": " + response.statusCode() + " " + response.body());
                }
                Thread.sleep(Duration.ofSeconds(pause).toMillis());
            }
        }
    }

    /** Of two positions of one negotiation, the one further on (a replayed line answers its first, earlier one). */
    private static String later(String a, String b) {
        return sequence(a) >= sequence(b) ? a : b;
    }

    private static long sequence(String position) {
        return Long.parseLong(position.substring(position.lastIndexOf(':') + 1));
    }

    private static String id(JsonNode command, JsonNode body) {
        if (command.hasNonNull("id")) {
            return command.get("id").asText() + " of " + command.path("event").asText();
        }
        return body.has("eventId") ? body.get("eventId").asText() : body.has("label") ? body.get("label").asText()
                : body.has("status") ? body.get("status").asText() : body.path("id").asText();
    }
}
