package org.negotiationtimeline.timeline.eventstore;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.SoftReference;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An Axon {@link Cache} whose entries the garbage collector clears only when the heap runs short.
 *
 * <p>Why not Axon's {@code WeakReferenceCache}: the repository caches a fresh entry object per
 * aggregate that nothing else references, so a weak reference to it dies at the next young
 * collection, and the next command replays the negotiation's whole stream. The bench caught
 * thread dumps replaying streams throughout an import (docs/benchmarks.md). Soft references live
 * on until memory is needed (the JVM clears every one of them before it would run out), least
 * recently used first.
 *
 * <p>Limit: how long an idle entry stays depends on free heap (HotSpot's
 * {@code -XX:SoftRefLRUPolicyMSPerMB}); a service short of heap reloads more often, never fails
 * for the cache.
 */
public class SoftReferenceCache implements Cache {

    private final ConcurrentMap<Object, Entry> entries = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Objects.requireNonNull(key, "key");
        purge();
        Entry entry = entries.get(key);
        V value = entry == null ? null : (V) entry.get();
        if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return value;
    }

    @Override
    public void put(Object key, Object value) {
        Objects.requireNonNull(value, "value");
        purge();
        Entry previous = entries.put(key, new Entry(key, value, cleared));
        if (previous != null && previous.get() != null) {
            listeners.forEach(listener -> listener.onEntryUpdated(key, value));
        } else {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Objects.requireNonNull(value, "value");
        purge();
        Entry fresh = new Entry(key, value, cleared);
        Entry existing = entries.putIfAbsent(key, fresh);
        if (existing != null && existing.get() == null && entries.replace(key, existing, fresh)) {
            existing = null; // It had been cleared: as good as absent.
        }
        if (existing == null) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
            return true;
        }
        return false;
    }

    @Override
    public boolean remove(Object key) {
        if (entries.remove(key) != null) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
            return true;
        }
        return false;
    }

    @Override
    public void removeAll() {
        entries.keySet().forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        Objects.requireNonNull(key, "key");
        purge();
        Entry entry = entries.get(key);
        return entry != null && entry.get() != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        purge();
        entries.computeIfPresent(key, (k, entry) -> {
            V current = (V) entry.get();
            if (current == null) {
                return null;
            }
            V updated = update.apply(current);
            if (updated == null) {
                listeners.forEach(listener -> listener.onEntryRemoved(k));
                return null;
            }
            listeners.forEach(listener -> listener.onEntryUpdated(k, updated));
            return new Entry(k, updated, cleared);
        });
    }

    /** Drops the entries whose values the collector cleared. */
    private void purge() {
        for (Reference<?> reference = cleared.poll(); reference != null; reference = cleared.poll()) {
            Entry entry = (Entry) reference;
            if (entries.remove(entry.key, entry)) {
                listeners.forEach(listener -> listener.onEntryExpired(entry.key));
            }
        }
    }

    private static final class Entry extends SoftReference<Object> {
        private final Object key;

        Entry(Object key, Object value, ReferenceQueue<Object> queue) {
            super(value, queue);
            this.key = key;
        }
    }
}
