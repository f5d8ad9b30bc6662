package org.negotiationtimeline.timeline.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.junit.jupiter.api.Test;

class SoftReferenceCacheTest {

    private final SoftReferenceCache cache = new SoftReferenceCache();

    @Test
    void an_entry_nothing_else_references_survives_a_collection_where_a_weak_one_does_not() {
        Cache weak = new WeakReferenceCache();
        cache.put("negotiation", new byte[1024]);
        weak.put("negotiation", new byte[1024]);

        System.gc();

        assertThat(cache.containsKey("negotiation")).as("soft: kept while the heap has room").isTrue();
        assertThat(weak.containsKey("negotiation")).as("weak: what the repository's entries suffered").isFalse();
    }

    @Test
    void puts_gets_and_removes_like_any_cache_and_tells_its_listeners() {
        List<String> heard = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }
        });

        cache.put("a", "first");
        cache.put("a", "second");
        assertThat(cache.putIfAbsent("a", "third")).isFalse();
        assertThat(cache.putIfAbsent("b", "only")).isTrue();
        cache.computeIfPresent("b", (String value) -> value + " and more");

        assertThat(cache.<String, String>get("a")).isEqualTo("second");
        assertThat(cache.<String, String>get("b")).isEqualTo("only and more");
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.<String, String>get("missing")).isNull();
        assertThat(heard).containsExactly("created a", "updated a", "created b", "updated b", "removed a");
    }
}
