package org.negotiationtimeline.projection.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.negotiationtimeline.projection.consuming.AppliedPositions;
import org.springframework.dao.DataAccessException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Read-your-writes: a read of {@code /api/**} (the stream included) that names write positions in
 * {@code waitFor} is answered only once the views have applied them, so a client that wrote and
 * then reads sees its write. In front of every query (controllers and the stream servlet alike), so
 * no query needs to know of it.
 *
 * <p>The common case costs a map look-up: the position is already applied. Otherwise the request
 * waits on {@link AppliedPositions}, woken by the consumer's commit, for at most
 * {@code projection.consistency.max-wait}, and is then answered 503 with {@code Retry-After}. A
 * waiting request holds its thread; the caps on waiters (in all, and per client address, like the
 * stream's) keep one client, or a stalled consumer, from taking the threads everyone else needs.
 */
final class ReadYourWritesFilter extends OncePerRequestFilter {

    /** Positions one read may name: a read after a few writes to different negotiations. */
    static final int MAX_POSITIONS = 16;
    private static final String RETRY_AFTER_SECONDS = "1";

    private final AppliedPositions positions;
    private final ConsistencySettings settings;
    private final ObjectMapper json;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<String, AtomicInteger> waitingByClient = new ConcurrentHashMap<>();

    ReadYourWritesFilter(AppliedPositions positions, ConsistencySettings settings, ObjectMapper json) {
        this.positions = positions;
        this.settings = settings;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] values = request.getParameterValues(WritePosition.PARAMETER);
        if (values == null) {
            chain.doFilter(request, response);
            return;
        }
        List<WritePosition> pending = new ArrayList<>();
        try {
            if (values.length > MAX_POSITIONS) {
                throw new BadQueryException(WritePosition.PARAMETER, "may be given at most " + MAX_POSITIONS + " times");
            }
            for (String value : values) {
                WritePosition position = WritePosition.parse(value);
                if (!positions.isApplied(position.negotiationId(), position.sequence())) {
                    pending.add(position);
                }
            }
            if (!pending.isEmpty() && !awaited(pending, request, response)) {
                return;
            }
        } catch (BadQueryException e) {
            problem(request, response, 400, "validation", "Invalid request", e.field() + " " + e.getMessage(), e.field());
            return;
        } catch (DataAccessException e) {
            // The stored positions cannot be read: as any query would be answered then (ProblemHandler).
            response.setHeader("Retry-After", ProblemHandler.RETRY_AFTER_SECONDS);
            problem(request, response, 503, "unavailable", "Service unavailable",
                    "the views' database cannot be reached; try again later", null);
            return;
        }
        chain.doFilter(request, response);
    }

    /** @return true once every position is applied; false when it has answered the request itself */
    private boolean awaited(List<WritePosition> pending, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String client = request.getRemoteAddr();
        AtomicInteger ofClient = waitingByClient.computeIfAbsent(client, c -> new AtomicInteger());
        try {
            if (ofClient.incrementAndGet() > settings.maxWaitersPerClient()) {
                response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                problem(request, response, 429, "too-many-requests", "Too many waiting reads", "this client already has "
                        + settings.maxWaitersPerClient() + " reads waiting for their writes "
                        + "(projection.consistency.max-waiters-per-client); retry later", null);
                return false;
            }
            if (waiting.incrementAndGet() > settings.maxWaiters()) {
                response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                problem(request, response, 503, "unavailable", "Unavailable", "too many reads wait for their writes "
                        + "(projection.consistency.max-waiters); retry later", null);
                return false;
            }
            long deadline = System.nanoTime() + settings.maxWait().toNanos();
            for (WritePosition position : pending) {
                if (!await(position, deadline)) {
                    response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                    problem(request, response, 503, "unavailable", "Not yet applied", "the views have not applied "
                            + position + " within " + settings.maxWait().toMillis() + " ms "
                            + "(projection.consistency.max-wait); retry later", null);
                    return false;
                }
            }
            return true;
        } finally {
            waiting.decrementAndGet();
            if (ofClient.decrementAndGet() <= 0) {
                waitingByClient.remove(client, ofClient);
            }
        }
    }

    private boolean await(WritePosition position, long deadline) {
        CompletableFuture<Void> applied = positions.whenApplied(position.negotiationId(), position.sequence());
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return applied.isDone();
                }
                try {
                    applied.get(Math.min(left, settings.recheckInterval().toNanos()), TimeUnit.NANOSECONDS);
                    return true;
                } catch (TimeoutException e) {
                    if (positions.recheck(position.negotiationId(), position.sequence())) {
                        return true;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        } finally {
            applied.cancel(false); // forgotten by the registry, if still waiting
        }
    }

    /** RFC 9457, in the shape of {@link ProblemHandler}'s. */
    private void problem(HttpServletRequest request, HttpServletResponse response, int status, String type, String title,
                         String detail, String field) throws IOException {
        ObjectNode problem = json.createObjectNode();
        problem.put("type", "urn:negotiation-timeline:problem:" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        var instance = Problems.instance(request);
        if (instance != null) {
            problem.put("instance", instance.toString());
        }
        if (field != null) {
            problem.putArray("errors").addObject().put("field", field).put("message", detail.substring(field.length() + 1));
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
