package org.negotiationtimeline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;

/** An HTTP answer of either service: status, headers and the body read as JSON (when it is JSON). */
record Reply(String request, int status, String contentType, String body, HttpResponse<String> raw) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Reply of(String request, HttpResponse<String> response) {
        return new Reply(request, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
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
