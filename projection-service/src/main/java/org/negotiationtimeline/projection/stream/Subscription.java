package org.negotiationtimeline.projection.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream. Two single-flight loops drive it:
 * <ul>
 *   <li><b>fill</b>, on a hub thread: reads the entries after {@link #position}, keeps those that
 *       match, and queues their messages, but only while fewer than {@code maxBuffered} bytes are
 *       queued. Whatever does not fit stays in the table until the subscriber took what it has.</li>
 *   <li><b>drain</b>, on whichever thread asks (a hub thread, or the container's when the socket
 *       can take more): writes queued messages with servlet non-blocking I/O while the connection
 *       {@code isReady()}, so a slow client never holds a thread.</li>
 * </ul>
 * A subscriber that accepted nothing for {@code stallTimeout} while there was something to send is
 * disconnected; it resumes with the id of the last message it received.
 */
final class Subscription implements WriteListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    /** budgeted: counted against the hub's total ({@code max-buffered-total}); the small first and last comments are not. */
    private record Frame(byte[] bytes, long position, boolean budgeted) {
        Frame(byte[] bytes, long position) {
            this(bytes, position, true);
        }
    }

    private final StreamHub hub;
    private final StreamFilter filter;
    private final String client;
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final long maxBuffered;
    private final int pageSize;
    private final long stallTimeoutNanos;
    private final long idleTimeoutMillis;

    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    /** Bytes in {@link #queue}. Guarded by queue. */
    private long queuedBytes;
    /** Bytes of {@link #queue} reserved from the hub's total. Guarded by queue. */
    private long reservedBytes;
    /** Messages (not comments) in {@link #queue}. Guarded by queue. */
    private int queuedMessages;
    /** When (hub clock, ms) a message last matched, or the stream opened: the idle limit counts from it. */
    private volatile long lastMatch;
    /** Set by tick when the idle limit passed; fill then ends the stream, where nothing else moves it. */
    private volatile boolean idleDue;

    /** Entries up to here were read: each matching one is queued or sent. Written by fill only. */
    private volatile long position;
    /** The id of the last message handed to the connection. Written by drain only. */
    private volatile long lastDelivered;

    private final AtomicInteger fills = new AtomicInteger();
    private final AtomicInteger drains = new AtomicInteger();
    /** Fill stopped because the queue was full: drain asks for more once it took half. */
    private final AtomicBoolean behind = new AtomicBoolean();
    private volatile boolean fillFailed;
    private volatile boolean blocked;
    private volatile long lastProgress = System.nanoTime();
    private boolean unflushed; // drain only
    /** Set when the stream is to end: after its final comment, or at once if the client cannot take it. */
    private volatile boolean closing;
    private final AtomicBoolean finished = new AtomicBoolean();

    Subscription(StreamHub hub, StreamFilter filter, String client, long position, AsyncContext async,
                 ServletOutputStream out) {
        this.hub = hub;
        this.filter = filter;
        this.client = client;
        this.position = position;
        this.lastDelivered = position;
        this.async = async;
        this.out = out;
        StreamSettings settings = hub.settings();
        this.maxBuffered = Math.max(settings.maxBuffered().toBytes(), 1);
        this.pageSize = Math.max(settings.pageSize(), 1);
        this.stallTimeoutNanos = settings.stallTimeout().toNanos();
        this.idleTimeoutMillis = settings.idleTimeout().toMillis();
        this.lastMatch = hub.clock().millis();
        // Names the starting position: an id without data sets the client's Last-Event-ID and
        // dispatches nothing, so a client that reconnects before any message resumes from here.
        enqueue(new Frame((": stream after position " + position + "\nid: " + position + "\n\n")
                .getBytes(StandardCharsets.UTF_8), -1, false));
    }

    /** Who opened it: the client address its streams are counted under. */
    String client() {
        return client;
    }

    StreamHub.SubscriptionState state() {
        long buffered;
        synchronized (queue) {
            buffered = queuedBytes;
        }
        return new StreamHub.SubscriptionState(filter, position, lastDelivered, buffered, blocked);
    }

    // ---- fill

    void requestFill() {
        if (fills.getAndIncrement() == 0) {
            // Reading the table is done on threads of its own, so a long or slow catch-up never delays live subscribers.
            boolean catchingUp = !hub.inTail(position);
            try {
                (catchingUp ? hub.catchUpExecutor() : hub.executor()).execute(() -> fillLoop(catchingUp));
            } catch (RejectedExecutionException e) {
                fills.set(0); // the hub is stopping
            }
        }
    }

    private void fillLoop(boolean catchingUp) {
        boolean more = false;
        int missed = 1;
        do {
            try {
                more = fillOnce(catchingUp);
                fillFailed = false;
            } catch (RuntimeException e) {
                log.warn("Reading the stream for a subscriber failed; retrying at the next heartbeat: {}", e.toString());
                fillFailed = true;
                more = false;
            }
            missed = fills.addAndGet(-missed);
        } while (missed != 0);
        if (more) {
            requestFill(); // the next page, behind whatever else the hub has to do
        }
    }

    /**
     * Queues the matching messages of one page; true when there may be more to read right away (or,
     * on a hub thread, when the next entries are to be read from the table by a catch-up thread).
     */
    private boolean fillOnce(boolean catchingUp) {
        if (closing || finished.get()) {
            return false;
        }
        if (idleDue && endIfIdle()) {
            return false;
        }
        StreamHub.Page page = hub.tailAfter(position, pageSize);
        if (page == null) {
            if (!catchingUp) {
                return true; // the next fill runs on a catch-up thread
            }
            page = hub.catchUp(position, pageSize, filter);
        }
        boolean more = page.more();
        boolean whole = true;
        for (StreamEntry entry : page.entries()) {
            if (full()) {
                behind.set(true);
                if (full()) {
                    more = false; // drain asks for more once the client took half of the queue
                    whole = false;
                    break;
                }
                behind.set(false);
            }
            if (filter.matches(entry)) {
                if (!enqueue(new Frame(entry.frame(), entry.position()))) {
                    return false; // dropped to keep within the total budget, or closing
                }
                lastMatch = hub.clock().millis();
            }
            position = entry.position();
        }
        if (whole && page.scannedTo() > position) {
            position = page.scannedTo(); // what lies between did not match
        }
        drain();
        return more;
    }

    private boolean full() {
        synchronized (queue) {
            return queuedBytes >= maxBuffered;
        }
    }

    /**
     * Queues a frame, unless the stream is closing (then only its final comment is sent), or the
     * hub's total budget has no room for it even after dropping whoever holds more: then this
     * stream is dropped, unless the frame is only a heartbeat.
     */
    private boolean enqueue(Frame frame) {
        int size = frame.bytes().length;
        if (frame.budgeted() && !hub.reserve(this, size)) {
            if (frame.position() >= 0) {
                dropForBudget();
            }
            return false;
        }
        synchronized (queue) {
            if (!closing && !finished.get()) {
                queue.add(frame);
                queuedBytes += size;
                if (frame.budgeted()) {
                    reservedBytes += size;
                }
                if (frame.position() >= 0) {
                    queuedMessages++;
                }
                return true;
            }
        }
        if (frame.budgeted()) {
            hub.release(size);
        }
        return false;
    }

    /** What this stream holds of the hub's total budget. */
    /** Whether the client's socket took no more when last written to: it is not keeping up. */
    boolean isBlocked() {
        return blocked;
    }

    long reservedBytes() {
        synchronized (queue) {
            return reservedBytes;
        }
    }

    /** Chosen by the hub to make room in the total budget: this stream holds the most. */
    void dropForBudget() {
        log.info("Dropping a stream to keep within projection.stream.max-buffered-total (last id {}): {}", lastDelivered, filter);
        close("dropped: the server holds too much for slow streams; resume with Last-Event-ID " + lastDelivered);
    }

    /** Empties the queue, giving back its reservation; then queues {@code last}, if any. Under queue. */
    private void discardQueue(Frame last) {
        queue.clear();
        queuedBytes = 0;
        queuedMessages = 0;
        hub.release(reservedBytes);
        reservedBytes = 0;
        if (last != null) {
            queue.add(last);
            queuedBytes = last.bytes().length;
        }
    }

    private Frame poll() {
        Frame frame;
        long remaining;
        synchronized (queue) {
            frame = queue.poll();
            if (frame != null) {
                queuedBytes -= frame.bytes().length;
                if (frame.budgeted()) {
                    reservedBytes -= frame.bytes().length;
                    hub.release(frame.bytes().length);
                }
                if (frame.position() >= 0) {
                    queuedMessages--;
                }
            }
            remaining = queuedBytes;
        }
        if (frame != null && remaining <= maxBuffered / 2 && behind.compareAndSet(true, false)) {
            requestFill();
        }
        return frame;
    }

    // ---- drain

    private void drain() {
        if (drains.getAndIncrement() != 0) {
            return; // the thread draining now goes round once more
        }
        int missed = 1;
        do {
            drainOnce();
            missed = drains.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drainOnce() {
        if (finished.get()) {
            return;
        }
        try {
            while (true) {
                if (!out.isReady()) {
                    // The container calls onWritePossible when the client has taken some.
                    blocked = true;
                    if (closing) {
                        finish();
                    }
                    return;
                }
                blocked = false;
                lastProgress = System.nanoTime();
                Frame frame = poll();
                if (frame == null) {
                    if (unflushed) {
                        unflushed = false;
                        out.flush();
                        continue;
                    }
                    if (closing) {
                        finish();
                    }
                    return;
                }
                out.write(frame.bytes());
                unflushed = true;
                if (frame.position() >= 0) {
                    lastDelivered = frame.position();
                }
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Stream closed by the client: {}", e.toString());
            finish();
        }
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    // ---- heartbeat, stall, end

    /** Called every heartbeat: a keep-alive comment when idle, a disconnect when stalled. */
    void tick(long now) {
        if (closing || finished.get()) {
            return;
        }
        if (blocked && now - lastProgress > stallTimeoutNanos) {
            log.info("Disconnecting a stream that accepted nothing for {}s (last id {}): {}",
                    stallTimeoutNanos / 1_000_000_000, lastDelivered, filter);
            close("dropped: nothing was accepted for " + stallTimeoutNanos / 1_000_000_000
                    + "s; resume with Last-Event-ID " + lastDelivered);
            return;
        }
        boolean idle;
        synchronized (queue) {
            idle = queue.isEmpty();
        }
        if (idle) {
            enqueue(new Frame(HEARTBEAT, -1));
        }
        drain();
        if (fillFailed) {
            requestFill();
        } else if (idle(hub.clock().millis())) {
            idleDue = true;
            requestFill();
        }
    }

    /**
     * Ends a stream that was sent no message for the idle limit. Run by fill, so that nothing is
     * read meanwhile: every entry up to {@link #position} either did not match or was sent, and the
     * last comment's {@code id} moves the client's Last-Event-ID there, so it resumes without a loss
     * and without reading those entries again. Not while a message still waits to be sent.
     */
    private boolean endIfIdle() {
        idleDue = false;
        if (!idle(hub.clock().millis())) {
            return false;
        }
        long resumeAt = position;
        synchronized (queue) {
            if (queuedMessages > 0) {
                return false;
            }
        }
        log.debug("Ending a stream that was sent nothing for {}s (at {}): {}", idleTimeoutMillis / 1000, resumeAt, filter);
        close("closed: nothing matched for " + idleTimeoutMillis / 1000 + "s; reconnect with Last-Event-ID "
                + resumeAt + "\nid: " + resumeAt);
        return true;
    }

    private boolean idle(long nowMillis) {
        return idleTimeoutMillis > 0 && nowMillis - lastMatch >= idleTimeoutMillis;
    }

    /** Ends the stream: what is queued is dropped, a final comment goes out if the client can take it. */
    void close(String reason) {
        byte[] last = (": " + reason + "\n\n").getBytes(StandardCharsets.UTF_8);
        synchronized (queue) {
            closing = true;
            discardQueue(new Frame(last, -1, false));
        }
        drain();
    }

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        hub.remove(this);
        synchronized (queue) {
            discardQueue(null);
        }
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // Already completed by the container.
        }
    }

    /** Errors end the stream through drain, so that nothing writes while it completes. */
    private void fail() {
        synchronized (queue) {
            closing = true;
            discardQueue(null);
        }
        drain();
    }

    @Override
    public void onError(Throwable error) {
        log.debug("Stream failed: {}", error.toString());
        fail();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        finished.set(true);
        hub.remove(this);
        synchronized (queue) {
            discardQueue(null);
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        fail();
    }

    @Override
    public void onError(AsyncEvent event) {
        fail();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Not restarted.
    }
}
