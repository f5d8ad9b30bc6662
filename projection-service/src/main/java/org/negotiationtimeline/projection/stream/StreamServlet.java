package org.negotiationtimeline.projection.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.negotiationtimeline.projection.web.BadQueryException;
import org.negotiationtimeline.projection.web.NotFoundException;
import org.negotiationtimeline.projection.web.WritePosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/stream}: Server-Sent Events (docs/streaming.md). A servlet of its own rather than
 * a controller, for servlet non-blocking output: the request thread returns at once, and the
 * stream is written by {@link Subscription} only when the client can take more.
 *
 * <p>Where a stream starts, first match wins: the {@code Last-Event-ID} header (what a reconnecting
 * EventSource sends, with the URL it first used), {@code after}, {@code from=beginning} (0), else
 * now (the current head).
 */
final class StreamServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(StreamServlet.class);

    /** The development types of the contract (PRODUCT.md), as the timeline query checks them. */
    private static final Set<String> TYPES = Set.of("MEETING", "STATEMENT", "POSITION", "SANCTIONS", "APPOINTMENT", "REPORT", "OTHER");

    /** The parameters of /api/stream: anything else is a 400 (Spring MVC's checks do not reach this servlet). */
    private static final Set<String> PARAMETERS = Set.of("negotiation", "type", "actor", "topic", "after", "from",
            WritePosition.PARAMETER);

    private final transient StreamHub hub;
    private final transient StreamLog streamLog;
    private final transient Predicate<String> negotiationExists;
    private final transient ObjectMapper json;

    StreamServlet(StreamHub hub, StreamLog streamLog, Predicate<String> negotiationExists, ObjectMapper json) {
        this.hub = hub;
        this.streamLog = streamLog;
        this.negotiationExists = negotiationExists;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StreamFilter filter;
        long start;
        try {
            checkParameters(request);
            filter = filter(request);
            start = start(request, streamLog.head());
        } catch (BadQueryException e) {
            problem(request, response, 400, "validation", "Invalid request", e.field() + " " + e.getMessage(), e.field());
            return;
        } catch (NotFoundException e) {
            problem(request, response, 404, "not-found", "Not found", e.getMessage(), null);
            return;
        } catch (RuntimeException e) {
            log.error("Opening a stream failed", e);
            problem(request, response, 500, "unavailable", "Internal error", "the stream could not be opened", null);
            return;
        }

        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // nginx: pass each message on at once
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // heartbeats and the stall timeout govern the connection, not a request timeout
        ServletOutputStream out = response.getOutputStream();
        // The socket's address, unless server.forward-headers-strategy trusts a proxy's X-Forwarded-For.
        Subscription subscription = new Subscription(hub, filter, request.getRemoteAddr(), start, async, out);
        StreamHub.Admission admission = hub.register(subscription);
        if (admission != StreamHub.Admission.ADMITTED) {
            boolean client = admission == StreamHub.Admission.CLIENT_FULL;
            response.setStatus(client ? 429 : 503);
            response.setHeader("Retry-After", "10");
            response.setContentType("application/problem+json");
            response.getOutputStream().write(client
                    ? problemJson(request, 429, "too-many-requests", "Too many streams",
                            "this client already has " + hub.settings().maxPerClient()
                                    + " open streams (projection.stream.max-per-client); close one or retry later", null)
                    : problemJson(request, 503, "unavailable", "Unavailable",
                            "too many open streams, or the service is stopping; retry later", null));
            async.complete();
            return;
        }
        async.addListener(subscription);
        out.setWriteListener(subscription); // the container calls onWritePossible first
        subscription.requestFill();
    }

    /** The headers a stream would have, without opening one. */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
    }

    private static void checkParameters(HttpServletRequest request) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (!PARAMETERS.contains(name)) {
                String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
                throw new BadQueryException(shown, "is not a parameter of /api/stream (known: "
                        + PARAMETERS.stream().sorted().toList() + ")");
            }
            // waitFor was read by web.ReadYourWritesFilter before this servlet: the stream starts once it is applied.
            if (!name.equals("type") && !name.equals(WritePosition.PARAMETER) && parameter.getValue().length > 1) {
                throw new BadQueryException(name, "may be given once");
            }
        }
    }

    private StreamFilter filter(HttpServletRequest request) {
        String negotiationId = parameter(request, "negotiation");
        if (negotiationId != null && !negotiationExists.test(negotiationId)) {
            throw new NotFoundException("no negotiation '" + negotiationId + "'");
        }
        Set<String> types = new LinkedHashSet<>();
        String[] values = request.getParameterValues("type");
        for (String type : values == null ? new String[0] : values) {
            if (!TYPES.contains(type)) {
                throw new BadQueryException("type", "must be one of " + TYPES.stream().sorted().toList());
            }
            types.add(type);
        }
        return new StreamFilter(negotiationId, types, parameter(request, "actor"), parameter(request, "topic"));
    }

    private static long start(HttpServletRequest request, long head) {
        String lastEventId = request.getHeader("Last-Event-ID");
        String after = parameter(request, "after");
        String from = parameter(request, "from");
        if (after != null && from != null) {
            throw new BadQueryException("from", "cannot be combined with after");
        }
        if (from != null && !from.equals("beginning") && !from.equals("now")) {
            throw new BadQueryException("from", "must be 'beginning' or 'now'");
        }
        if (lastEventId != null && !lastEventId.isBlank()) {
            return position("Last-Event-ID", lastEventId.trim(), head);
        }
        if (after != null) {
            return position("after", after, head);
        }
        return "beginning".equals(from) ? 0 : head;
    }

    private static long position(String field, String value, long head) {
        long position;
        try {
            position = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadQueryException(field, "must be a position: the id of a message of this stream");
        }
        if (position < 0) {
            throw new BadQueryException(field, "must be a position: the id of a message of this stream");
        }
        if (position > head) {
            // Only a position of an earlier build of the views (docs/streaming.md) can be beyond the end.
            throw new BadQueryException(field, "is beyond the end of the stream (" + head
                    + "); the views may have been rebuilt since: start again with from=beginning");
        }
        return position;
    }

    private static String parameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : value;
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, int status, String type, String title,
                         String detail, String field) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(problemJson(request, status, type, title, detail, field));
    }

    /** RFC 9457, in the shape of the other endpoints' problems (web.ProblemHandler). */
    private byte[] problemJson(HttpServletRequest request, int status, String type, String title, String detail,
                               String field) throws IOException {
        ObjectNode problem = json.createObjectNode();
        problem.put("type", "urn:negotiation-timeline:problem:" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        if (field != null) {
            problem.putArray("errors").addObject().put("field", field)
                    .put("message", detail.substring(field.length() + 1));
        }
        return json.writeValueAsBytes(problem);
    }
}
