package org.negotiationtimeline.projection.consuming;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How far the views have applied each negotiation's stream, as committed: what read-your-writes
 * waits on. A write of timeline-service answers with its position {@code (negotiation, sequence)};
 * a read that names it waits here until the consumer has committed that sequence (or a later one)
 * of that stream.
 *
 * <p>The consumer tells it after each commit ({@link #advanced}), so a waiter is woken by the
 * commit itself, never by polling the database. A stream not advanced since this instance started
 * is read once from the stored bookkeeping and then kept; a stream the bookkeeping does not know
 * is not kept (a client naming made-up negotiations cannot fill the memory), only its waiters are,
 * and each waiter is forgotten when it is completed or cancelled.
 *
 * <p>Limits: it is told only of this instance's commits. Instances sharing one view database split
 * the partitions, so a negotiation may be applied by another instance: {@link #recheck} reads the
 * stored bookkeeping again, which the waiting side does at a slow interval, never in a busy loop.
 */
public final class AppliedPositions {

    private final Function<String, Long> stored;
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    /** Guarded by itself. */
    private final Map<String, List<Waiter>> waiters = new HashMap<>();

    private record Waiter(long sequence, CompletableFuture<Void> future) {
    }

    /** @param stored the stream's last applied sequence as committed in the view database, or null when none is */
    public AppliedPositions(Function<String, Long> stored) {
        this.stored = stored;
    }

    /** Whether the views have committed this sequence of the stream, or a later one. */
    public boolean isApplied(String streamId, long sequence) {
        Long last = applied.get(streamId);
        if (last == null) {
            Long committed = stored.apply(streamId);
            if (committed == null) {
                return false;
            }
            last = applied.merge(streamId, committed, Math::max);
        }
        return last >= sequence;
    }

    /**
     * Completes once the sequence is applied: at once when it already is. Cancelling the future
     * (a waiter that gave up) forgets it.
     */
    public CompletableFuture<Void> whenApplied(String streamId, long sequence) {
        if (isApplied(streamId, sequence)) {
            return CompletableFuture.completedFuture(null);
        }
        Waiter waiter = new Waiter(sequence, new CompletableFuture<>());
        synchronized (waiters) {
            waiters.computeIfAbsent(streamId, id -> new ArrayList<>()).add(waiter);
        }
        waiter.future().whenComplete((done, failure) -> forget(streamId, waiter));
        // A commit between the check above and the registration did not see this waiter.
        Long last = applied.get(streamId);
        if (last != null && last >= sequence) {
            waiter.future().complete(null);
        }
        return waiter.future();
    }

    /**
     * Reads the stream's committed position again from the view database (another instance sharing
     * it may have applied it) and wakes the waiters it satisfies.
     */
    public boolean recheck(String streamId, long sequence) {
        Long committed = stored.apply(streamId);
        if (committed != null) {
            advanced(Map.of(streamId, committed));
        }
        return committed != null && committed >= sequence;
    }

    /** Called after a commit, with the last sequence it applied of each stream it touched. */
    void advanced(Map<String, Long> lastSequences) {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        lastSequences.forEach((streamId, sequence) -> {
            long last = applied.merge(streamId, sequence, Math::max);
            synchronized (waiters) {
                List<Waiter> list = waiters.get(streamId);
                if (list != null) {
                    for (Waiter waiter : list) {
                        if (waiter.sequence() <= last) {
                            ready.add(waiter.future());
                        }
                    }
                }
            }
        });
        // Outside the lock: completing runs forget(), which takes it.
        ready.forEach(future -> future.complete(null));
    }

    /** Waiters registered now (for tests and the gauge). */
    public int waiting() {
        synchronized (waiters) {
            return waiters.values().stream().mapToInt(List::size).sum();
        }
    }

    private void forget(String streamId, Waiter waiter) {
        synchronized (waiters) {
            List<Waiter> list = waiters.get(streamId);
            if (list != null && list.remove(waiter) && list.isEmpty()) {
                waiters.remove(streamId);
            }
        }
    }
}
