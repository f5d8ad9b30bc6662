package org.negotiationtimeline.projection.stream;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The open streams, and the few threads that feed them.
 *
 * <p>Every subscriber reads the stream table after its own position, so catching up, the seam to
 * live, and resuming are one and the same read: without a gap or a duplicate by construction. The
 * hub is woken after each batch commits ({@link #wake}) and also checks the table every
 * {@code pollInterval}, for entries written by another instance sharing the database. It keeps the
 * newest {@code tailSize} entries in memory so that subscribers that are up to date do not each
 * query the table; whoever is further behind reads a page from the table.
 *
 * <p>No thread of the hub ever waits for a client: connections are written without blocking
 * ({@link Subscription}), and a subscriber is only given more once it took what it had.
 */
public class StreamHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);

    private final StreamLog streamLog;
    private final StreamSettings settings;
    private final Clock clock;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    /** Open streams per client address. Guarded by subscriptions. */
    private final Map<String, Integer> perClient = new HashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    /** Bytes all subscribers' queues hold, bounded by maxBufferedTotal; and the most they ever held. */
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong bufferedPeak = new AtomicLong();

    private final Object tailLock = new Object();
    /** The newest entries read, contiguous, ending at {@link #tailEnd}. Guarded by tailLock. */
    private final List<StreamEntry> tail = new ArrayList<>();
    /** The last position read into the tail (all up to it have been seen). Guarded by tailLock. */
    private long tailEnd;

    private volatile ScheduledThreadPoolExecutor executor;
    private volatile ThreadPoolExecutor catchUpExecutor;
    private volatile boolean running;

    public StreamHub(StreamLog streamLog, StreamSettings settings, Clock clock) {
        this.streamLog = streamLog;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one open stream is at, for operations and tests. */
    public record SubscriptionState(StreamFilter filter, long position, long lastDelivered, long bufferedBytes,
                                    boolean blocked) {
    }

    public List<SubscriptionState> subscriptions() {
        return subscriptions.stream().map(Subscription::state).toList();
    }

    /** What the subscribers' queues hold in all now (at most {@code max-buffered-total}). */
    public long bufferedBytes() {
        return buffered.get();
    }

    /** The most the subscribers' queues held in all since the start. */
    public long bufferedBytesPeak() {
        return bufferedPeak.get();
    }

    /**
     * Takes {@code bytes} of the total budget for {@code requester}. When there is no room, the
     * blocked stream holding the most (else the stream holding the most) is dropped, its queue given
     * back, and it is tried again: that is the slowest one, so subscribers that keep up keep
     * receiving. False when the requester is the one to drop.
     */
    boolean reserve(Subscription requester, long bytes) {
        long budget = settings.maxBufferedTotal().toBytes();
        for (int attempt = 0; attempt <= settings.maxSubscribers(); attempt++) {
            long current = buffered.get();
            if (current + bytes <= budget) {
                if (buffered.compareAndSet(current, current + bytes)) {
                    bufferedPeak.accumulateAndGet(current + bytes, Math::max);
                    return true;
                }
                attempt--; // lost a race, not a round
                continue;
            }
            // A blocked stream (its socket took no more) is one that is not keeping up: the largest of
            // those goes first. A stream that is writing may briefly hold more while the writer
            // threads are busy, and dropping it would punish a subscriber that keeps up.
            Subscription largest = null;
            Subscription largestBlocked = null;
            long most = 0;
            long mostBlocked = 0;
            for (Subscription subscription : subscriptions) {
                long held = subscription.reservedBytes();
                if (held > most) {
                    most = held;
                    largest = subscription;
                }
                if (subscription.isBlocked() && held > mostBlocked) {
                    mostBlocked = held;
                    largestBlocked = subscription;
                }
            }
            if (largestBlocked != null) {
                largest = largestBlocked;
            }
            if (largest == null || largest == requester) {
                return false;
            }
            largest.dropForBudget();
        }
        return false;
    }

    void release(long bytes) {
        if (bytes != 0) {
            buffered.addAndGet(-bytes);
        }
    }

    /** New entries were committed: read them and hand them out. Never blocks; coalesces. */
    public void wake() {
        if (refreshes.getAndIncrement() == 0) {
            try {
                executor().execute(this::refreshLoop);
            } catch (RejectedExecutionException e) {
                refreshes.set(0); // stopping
            }
        }
    }

    private void refreshLoop() {
        int missed = 1;
        do {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("Reading new stream entries failed; retrying at the next poll: {}", e.toString());
            }
            missed = refreshes.addAndGet(-missed);
        } while (missed != 0);
    }

    private void refresh() {
        long head = streamLog.head();
        long from;
        synchronized (tailLock) {
            if (head <= tailEnd) {
                return;
            }
            if (head - tailEnd > settings.tailSize()) {
                // Far behind (a burst, a rebuild): keep only the newest; the others are read from the table.
                tail.clear();
                tailEnd = head - settings.tailSize();
            }
            from = tailEnd;
        }
        while (from < head) {
            List<StreamEntry> page = streamLog.after(from, head, Math.max(settings.pageSize(), 1));
            if (page.isEmpty()) {
                break;
            }
            synchronized (tailLock) {
                tail.addAll(page);
                tailEnd = page.get(page.size() - 1).position();
                if (tail.size() > settings.tailSize()) {
                    tail.subList(0, tail.size() - settings.tailSize()).clear();
                }
                from = tailEnd;
            }
        }
        subscriptions.forEach(Subscription::requestFill);
    }

    /**
     * What a subscriber read: {@code entries} (in order; all of them after its position up to
     * {@code scannedTo} that may match), and whether there is more to read right away.
     */
    record Page(List<StreamEntry> entries, long scannedTo, boolean more) {
    }

    /** Whether the entries after {@code position} are in memory (or not there yet): no table read needed. */
    boolean inTail(long position) {
        synchronized (tailLock) {
            return position >= tailEnd - tail.size();
        }
    }

    /**
     * Up to {@code limit} entries after {@code position} from memory, contiguous; empty when the
     * subscriber has everything read so far (it is woken when there is more); null when the next
     * entry is no longer in memory: then it catches up ({@link #catchUp}).
     */
    Page tailAfter(long position, int limit) {
        synchronized (tailLock) {
            if (position >= tailEnd) {
                return new Page(List.of(), position, false);
            }
            long tailStart = tailEnd - tail.size() + 1;
            if (position + 1 < tailStart) {
                return null;
            }
            int from = (int) (position + 1 - tailStart);
            List<StreamEntry> entries = List.copyOf(tail.subList(from, Math.min(tail.size(), from + limit)));
            return new Page(entries, entries.get(entries.size() - 1).position(), entries.size() >= limit);
        }
    }

    /**
     * Catching up, on the catch-up threads only: up to {@code limit} entries after {@code position}
     * that may match, from the table, looking at no more than {@code catchUpScan} positions.
     */
    Page catchUp(long position, int limit, StreamFilter filter) {
        long end;
        long beforeTail;
        synchronized (tailLock) {
            end = tailEnd;
            beforeTail = tailEnd - tail.size();
        }
        // Up to where the tail begins: what is in memory is not read again.
        long upTo = Math.min(beforeTail, position + Math.max(settings.catchUpScan(), 1));
        List<StreamEntry> entries = upTo > position ? streamLog.matching(position, upTo, filter, limit) : List.of();
        long scannedTo = entries.size() >= limit ? entries.get(entries.size() - 1).position() : Math.max(upTo, position);
        return new Page(entries, scannedTo, scannedTo < end);
    }

    /** Whether a stream was admitted, and if not, why. */
    enum Admission {
        ADMITTED, STOPPING, FULL, CLIENT_FULL
    }

    /**
     * Adds an open stream, unless the hub is stopping, there are {@code maxSubscribers} already, or its
     * client has {@code maxPerClient} open.
     */
    Admission register(Subscription subscription) {
        if (!running) {
            return Admission.STOPPING;
        }
        synchronized (subscriptions) {
            if (subscriptions.size() >= settings.maxSubscribers()) {
                return Admission.FULL;
            }
            int open = perClient.getOrDefault(subscription.client(), 0);
            if (open >= settings.maxPerClient()) {
                return Admission.CLIENT_FULL;
            }
            perClient.put(subscription.client(), open + 1);
            subscriptions.add(subscription);
        }
        return Admission.ADMITTED;
    }

    /** Idempotent: a stream can end by more than one path. */
    void remove(Subscription subscription) {
        synchronized (subscriptions) {
            if (subscriptions.remove(subscription)) {
                perClient.computeIfPresent(subscription.client(), (client, open) -> open > 1 ? open - 1 : null);
            }
        }
    }

    Executor executor() {
        ScheduledThreadPoolExecutor current = executor;
        if (current == null) {
            throw new RejectedExecutionException("the stream hub is not running");
        }
        return current;
    }

    /** Where subscribers catching up read the table: apart from the threads that feed live subscribers. */
    Executor catchUpExecutor() {
        ThreadPoolExecutor current = catchUpExecutor;
        if (current == null) {
            throw new RejectedExecutionException("the stream hub is not running");
        }
        return current;
    }

    StreamSettings settings() {
        return settings;
    }

    /** For the idle limit: injected, so that tests can let half an hour pass. */
    Clock clock() {
        return clock;
    }

    public boolean isAccepting() {
        return running;
    }

    private void tick() {
        long now = System.nanoTime();
        for (Subscription subscription : subscriptions) {
            try {
                subscription.tick(now);
            } catch (RuntimeException e) {
                log.warn("A stream's heartbeat failed: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        synchronized (tailLock) {
            tail.clear();
            tailEnd = streamLog.head();
        }
        ThreadFactory threads = daemons("stream-");
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(Math.max(settings.threads(), 1), threads);
        started.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long heartbeat = settings.heartbeat().toMillis();
        started.scheduleWithFixedDelay(this::tick, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long poll = settings.pollInterval().toMillis();
        started.scheduleWithFixedDelay(this::wake, poll, poll, TimeUnit.MILLISECONDS);
        int catchUpThreads = Math.max(settings.catchUpThreads(), 1);
        // At most one task per subscriber is queued: the queue is bounded by max-subscribers.
        catchUpExecutor = new ThreadPoolExecutor(catchUpThreads, catchUpThreads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemons("stream-catch-up-"));
        executor = started;
        running = true;
    }

    /** Ends every stream with a comment saying to reconnect; clients resume with their Last-Event-ID. */
    @Override
    public synchronized void stop() {
        running = false;
        for (Subscription subscription : List.copyOf(subscriptions)) {
            subscription.close("server stopping; reconnect with Last-Event-ID");
        }
        ExecutorService stopping = executor;
        ExecutorService stoppingCatchUp = catchUpExecutor;
        executor = null;
        catchUpExecutor = null;
        for (ExecutorService pool : new ExecutorService[] {stopping, stoppingCatchUp}) {
            if (pool != null) {
                pool.shutdown();
                try {
                    pool.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger threadCount = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
