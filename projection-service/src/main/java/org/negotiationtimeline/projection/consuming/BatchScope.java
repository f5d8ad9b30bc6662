package org.negotiationtimeline.projection.consuming;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * State that lives as long as the current transaction, which for the consumer is one batch, and
 * is dropped when the transaction ends, committed or rolled back: a retried batch starts clean.
 *
 * <p>Outside a transaction (a test applying projections one statement at a time) there is no
 * batch: every call gets fresh state, so callers must treat it as "nothing kept yet".
 */
public final class BatchScope {

    private BatchScope() {
    }

    /** The state bound to {@code key} in this transaction, created on first use. */
    public static <T> T get(Object key, Supplier<T> create) {
        return get(key, create, state -> { });
    }

    /**
     * As {@link #get(Object, Supplier)}; {@code beforeCommit} runs on the state once the
     * transaction is about to commit (an exception there rolls it back).
     */
    public static <T> T get(Object key, Supplier<T> create, Consumer<T> beforeCommit) {
        return get(key, create, beforeCommit, (state, committed) -> { });
    }

    /**
     * As {@link #get(Object, Supplier, Consumer)}; {@code afterCompletion} runs on the state once
     * the transaction has ended, told whether it committed: what must be seen only after the
     * views hold the batch (an in-memory copy of them), and never when it was rolled back. An
     * exception there is the caller's to handle: the transaction is over.
     */
    @SuppressWarnings("unchecked")
    public static <T> T get(Object key, Supplier<T> create, Consumer<T> beforeCommit,
                            BiConsumer<T, Boolean> afterCompletion) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return create.get();
        }
        T bound = (T) TransactionSynchronizationManager.getResource(key);
        if (bound != null) {
            return bound;
        }
        T created = create.get();
        TransactionSynchronizationManager.bindResource(key, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                beforeCommit.accept(created);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
                afterCompletion.accept(created, status == STATUS_COMMITTED);
            }
        });
        return created;
    }

    /** Whether state kept with {@link #get} outlives this call: a transaction is running. */
    public static boolean active() {
        return TransactionSynchronizationManager.isSynchronizationActive();
    }
}
