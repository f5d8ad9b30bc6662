package org.negotiationtimeline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
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
    private volatile Socket socket;
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

    /**
     * One connection. HTTP/1.0 over a plain socket: the server then ends the body by closing the
     * connection (no chunked framing to decode), and {@link #close()} can end a blocked read at once
     * by closing the socket, which HttpURLConnection and HttpClient do not promise.
     */
    private void readOnce() throws IOException {
        String resumeAfter;
        synchronized (this) {
            resumeAfter = lastEventId;
        }
        try (Socket s = new Socket()) {
            socket = s;
            if (!running) {
                return;
            }
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            s.setSoTimeout((int) readTimeout.toMillis());
            String request = "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " HTTP/1.0\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nAccept: text/event-stream\r\n"
                    + (resumeAfter == null ? "" : "Last-Event-ID: " + resumeAfter + "\r\n") + "\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            BufferedReader reader = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = reader.readLine();
            if (statusLine == null) {
                return;
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            for (String header = reader.readLine(); header != null && !header.isEmpty(); header = reader.readLine()) {
                // Headers: nothing a follower needs.
            }
            if (status != 200) {
                StringBuilder body = new StringBuilder();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    body.append(line);
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
        Socket s = socket;
        if (s != null) {
            try {
                s.close(); // Ends a blocked read.
            } catch (IOException ignored) {
                // Closed already.
            }
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
