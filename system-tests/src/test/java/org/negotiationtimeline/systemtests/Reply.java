package org.negotiationtimeline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** An HTTP answer of either service: status, headers and the body read as JSON (when it is JSON). */
record Reply(String request, int status, String contentType, String body, HttpResponse<String> raw) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Reply of(String request, HttpResponse<String> response) {
        return new Reply(request, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
    }

    /** Sends the request; {@code label} names it in the reply and in any failure. */
    static Reply send(HttpClient http, String label, HttpRequest request) {
        try {
            return of(label, http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(label + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + " interrupted", e);
        }
    }

    JsonNode json() {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(request + " answered " + status + " with a body that is not JSON: " + body, e);
        }
    }

    Optional<String> header(String name) {
        return raw.headers().firstValue(name);
    }

    /** Fails with the whole answer in the message unless the status is as expected. */
    Reply expectStatus(int expected) {
        if (status != expected) {
            throw new AssertionError(request + ": expected " + expected + " but got " + status
                    + " (" + contentType + ") " + body);
        }
        return this;
    }

    @Override
    public String toString() {
        return request + " -> " + status + " " + body;
    }
}
