package org.negotiationtimeline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A live SSE client of {@code GET /api/stream}, as an {@code EventSource} behaves: it reads on a
 * thread of its own and, whenever the connection ends (the service was killed, restarted, or said
 * goodbye), connects again with {@code Last-Event-ID} set to the last id it received, until closed.
 *
 * <p>It records every message with data, and what a client would notice: an id that is not above
 * the ones before it (positions going backwards or renumbered), and any answer other than 200 to a
 * reconnection (400 "beyond the end of the stream" after views went backwards).
 */
final class SseFollower implements AutoCloseable {

    /** One dispatched message: its position ({@code id}), {@code event} and the {@code eventId} in its data. */
    record Message(long position, String event, String eventId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(200);

    private final URI uri;
    private final Duration readTimeout;
    private final List<Message> messages = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    private volatile HttpURLConnection connection;
    private volatile boolean running = true;
    private String lastEventId;
    private long highestPosition = -1;
    private int connections;

    /**
     * @param uri         the stream, e.g. {@code http://127.0.0.1:8081/api/stream?from=beginning}
     * @param readTimeout a connection that sends nothing for this long (heartbeats included) is dropped and reopened
     */
    SseFollower(URI uri, Duration readTimeout) {
        this.uri = uri;
        this.readTimeout = readTimeout;
        this.thread = new Thread(this::follow, "sse-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running) {
            try {
                readOnce();
            } catch (IOException e) {
                // The service went away mid-stream or is not listening yet: reconnect, as EventSource does.
            }
            try {
                closed.await(RECONNECT_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readOnce() throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout((int) readTimeout.toMillis());
        c.setRequestProperty("Accept", "text/event-stream");
        String resumeAfter;
        synchronized (this) {
            resumeAfter = lastEventId;
        }
        if (resumeAfter != null) {
            c.setRequestProperty("Last-Event-ID", resumeAfter);
        }
        connection = c;
        try {
            int status = c.getResponseCode();
            if (status != 200) {
                String body;
                try (InputStream error = c.getErrorStream()) {
                    body = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (status >= 400 && status < 500) {
                    synchronized (this) {
                        problems.add("HTTP " + status + " resuming after " + resumeAfter + ": " + body);
                    }
                    running = false; // A client cannot resume from here: the test has failed.
                }
                return;
            }
            synchronized (this) {
                connections++;
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
                String id = null;
                String event = "message";
                StringBuilder data = null;
                for (String line = reader.readLine(); line != null && running; line = reader.readLine()) {
                    if (line.isEmpty()) {
                        dispatch(id, event, data);
                        id = null;
                        event = "message";
                        data = null;
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
                    }
                }
            }
        } finally {
            c.disconnect();
        }
    }

    /** As the SSE spec says: the id becomes the last event id at dispatch, with or without data. */
    private synchronized void dispatch(String id, String event, StringBuilder data) throws IOException {
        if (id != null) {
            long position = Long.parseLong(id);
            if (data != null && position <= highestPosition) {
                problems.add("position " + position + " (" + event + ") after position " + highestPosition);
            }
            highestPosition = Math.max(highestPosition, position);
            lastEventId = id;
            if (data != null) {
                JsonNode json = JSON.readTree(data.toString());
                messages.add(new Message(position, event, json.path("eventId").asText()));
            }
        } else if (data != null) {
            problems.add("a " + event + " message without an id: " + data);
        }
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /** How many development messages arrived so far. */
    synchronized long developments() {
        return messages.stream().filter(m -> m.event().equals("development")).count();
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Successful connections: the first, and one per resumption. */
    synchronized int connections() {
        return connections;
    }

    @Override
    public void close() {
        running = false;
        closed.countDown();
        HttpURLConnection c = connection;
        if (c != null) {
            c.disconnect(); // Ends a blocked read.
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
