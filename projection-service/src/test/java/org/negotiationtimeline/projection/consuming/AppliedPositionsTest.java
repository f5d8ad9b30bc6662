package org.negotiationtimeline.projection.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AppliedPositionsTest {

    /** Stands in for the view database's applied_stream table. */
    private final Map<String, Long> table = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AppliedPositions positions = new AppliedPositions(stream -> {
        reads.incrementAndGet();
        return table.get(stream);
    });

    @Test
    void a_position_is_applied_once_a_commit_reaches_it_or_goes_beyond() {
        assertThat(positions.isApplied("talks", 0)).isFalse();
        positions.advanced(Map.of("talks", 2L));
        assertThat(positions.isApplied("talks", 0)).isTrue();
        assertThat(positions.isApplied("talks", 2)).isTrue();
        assertThat(positions.isApplied("talks", 3)).isFalse();
        assertThat(positions.isApplied("other", 0)).as("per negotiation").isFalse();
    }

    @Test
    void a_lower_position_told_later_never_moves_it_back() {
        positions.advanced(Map.of("talks", 5L));
        positions.advanced(Map.of("talks", 3L)); // a replayed dead letter below the stream's end
        assertThat(positions.isApplied("talks", 5)).isTrue();
    }

    @Test
    void a_stream_committed_before_this_instance_started_is_read_from_the_table_once() {
        table.put("talks", 7L);
        assertThat(positions.isApplied("talks", 7)).isTrue();
        assertThat(positions.isApplied("talks", 6)).isTrue();
        assertThat(positions.isApplied("talks", 8)).isFalse();
        assertThat(reads).as("kept after the first read").hasValue(1);
    }

    @Test
    void a_stream_the_table_does_not_know_is_not_kept() {
        assertThat(positions.isApplied("made-up", 0)).isFalse();
        assertThat(positions.isApplied("made-up", 0)).isFalse();
        assertThat(reads).as("asked again, not remembered as absent").hasValue(2);
    }

    @Test
    void a_waiter_is_woken_by_the_commit_that_reaches_its_position_and_not_before() {
        CompletableFuture<Void> waiting = positions.whenApplied("talks", 3);
        assertThat(waiting).isNotDone();
        positions.advanced(Map.of("talks", 2L));
        assertThat(waiting).isNotDone();
        positions.advanced(Map.of("other", 9L));
        assertThat(waiting).isNotDone();
        positions.advanced(Map.of("talks", 3L));
        assertThat(waiting).isCompleted();
        assertThat(positions.waiting()).isZero();
    }

    @Test
    void a_position_already_applied_needs_no_waiting() {
        positions.advanced(Map.of("talks", 3L));
        assertThat(positions.whenApplied("talks", 1)).isCompleted();
        assertThat(positions.waiting()).isZero();
    }

    @Test
    void a_waiter_that_gives_up_is_forgotten() {
        CompletableFuture<Void> waiting = positions.whenApplied("talks", 3);
        CompletableFuture<Void> other = positions.whenApplied("talks", 4);
        assertThat(positions.waiting()).isEqualTo(2);
        waiting.cancel(false);
        assertThat(positions.waiting()).isEqualTo(1);
        other.cancel(false);
        assertThat(positions.waiting()).isZero();
    }

    @Test
    void a_recheck_finds_a_position_another_instance_committed() {
        CompletableFuture<Void> waiting = positions.whenApplied("talks", 3);
        assertThat(positions.recheck("talks", 3)).isFalse();
        table.put("talks", 4L);
        assertThat(positions.recheck("talks", 3)).isTrue();
        assertThat(waiting).isCompleted();
    }

    /** Waiters registering while commits go on: none may miss the commit that satisfies it. */
    @Test
    void no_waiter_misses_its_commit_when_both_race() throws Exception {
        int rounds = 2000;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Void>> waiters = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            var committer = pool.submit(() -> {
                go.await();
                for (long sequence = 0; sequence < rounds; sequence++) {
                    positions.advanced(Map.of("raced", sequence));
                }
                return null;
            });
            var registrar = pool.submit(() -> {
                go.await();
                for (long sequence = 0; sequence < rounds; sequence++) {
                    waiters.add(positions.whenApplied("raced", sequence));
                }
                return null;
            });
            go.countDown();
            committer.get(30, TimeUnit.SECONDS);
            registrar.get(30, TimeUnit.SECONDS);
            CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new))
                    .get(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(positions.waiting()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
