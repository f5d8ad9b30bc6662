package org.negotiationtimeline.projection.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.negotiationtimeline.projection.consuming.BatchScope;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The state query's answers from memory: a {@link StateIndex} per negotiation, loaded from the
 * views on its first query and kept current by {@link StateProjector} — the views stay the
 * durable store, which a restart and a rebuild read (docs/queries.md, "How it is answered").
 *
 * <ul>
 *   <li><b>Bounded.</b> Indexes are kept least recently asked first out, up to
 *       {@code maxBytes} of their estimated size; a negotiation whose index alone would be larger
 *       is answered by the range scans of {@link StateQueries} instead, from then on without
 *       loading it again (a negotiation's index only grows).</li>
 *   <li><b>Only what is committed.</b> A batch's changes are applied to the cached indexes after
 *       its transaction has committed, never when it rolled back; they are applied by making a
 *       new index and swapping it in, so a reader sees a negotiation before or after a batch.</li>
 *   <li><b>Loads never lose a batch.</b> Each negotiation has a sequence number that a batch
 *       touching it makes odd just before its commit and even once its changes are applied. A load
 *       reads the views, and is kept only if that number did not move meanwhile (a batch that
 *       committed while it read may be half in what it read); otherwise it is read again, and
 *       after {@value #LOAD_ATTEMPTS} attempts the query is answered by the range scans.</li>
 * </ul>
 *
 * <p>Limits: the sequence numbers are kept per negotiation the process has seen change (a few
 * bytes each); the size of an index is an estimate (its arrays and JSON bytes plus a fixed
 * overhead per entry), not a measurement of the heap.
 */
public class StateIndexes {

    private static final Logger log = LoggerFactory.getLogger(StateIndexes.class);
    private static final int LOAD_ATTEMPTS = 3;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Fragments fragments;
    private final StateQueries scans;
    private final long maxBytes;
    private final Object key = new Object();

    /** Guards {@link #cache} and {@link #cachedBytes}. */
    private final Object lock = new Object();
    private final LinkedHashMap<String, StateIndex> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    /** Negotiations whose index was larger than the bound: answered by the range scans without a load (it only grows). */
    private final Set<String> oversized = ConcurrentHashMap.newKeySet();
    private final AtomicLong loads = new AtomicLong();

    /** @param maxBytes the heap the cached indexes may take, by their estimate */
    public StateIndexes(JdbcTemplate jdbc, ObjectMapper json, long maxBytes) {
        this.jdbc = jdbc;
        this.json = json;
        this.fragments = new Fragments(json);
        this.scans = new StateQueries(jdbc, json);
        this.maxBytes = maxBytes;
    }

    /**
     * The state (docs/queries.md) as the JSON of the answer; {@code limit} and
     * {@code offset} page {@code developments}, as {@link StateQueries#state} does.
     */
    public JsonAnswer state(String negotiationId, Instant at, Instant knownAt, int limit, int offset) {
        return state(negotiationId, at, knownAt, limit, offset, false);
    }

    /**
     * With {@code reportedOnly} ({@code basis=REPORTED}), only what sources state: answered by the
     * range scans, which leave the inferences out in SQL; the index holds the whole state only.
     */
    public JsonAnswer state(String negotiationId, Instant at, Instant knownAt, int limit, int offset, boolean reportedOnly) {
        if (reportedOnly) {
            return new JsonAnswer(new Fragments.Bytes(0).raw(fragments.value(
                    scans.state(negotiationId, at, knownAt, limit, offset, true))));
        }
        StateIndex index = index(negotiationId);
        if (index == null) {
            return new JsonAnswer(new Fragments.Bytes(0).raw(fragments.value(scans.state(negotiationId, at, knownAt, limit, offset))));
        }
        return new JsonAnswer(index.answer(at, knownAt, limit, offset));
    }

    /** The negotiation's index, cached or loaded; null when it does not fit or the views kept changing. */
    StateIndex index(String negotiationId) {
        synchronized (lock) {
            StateIndex cached = cache.get(negotiationId);
            if (cached != null) {
                return cached;
            }
        }
        if (oversized.contains(negotiationId)) {
            return null;
        }
        AtomicLong sequence = sequences.computeIfAbsent(negotiationId, n -> new AtomicLong());
        for (int attempt = 0; attempt < LOAD_ATTEMPTS; attempt++) {
            long before = sequence.get();
            if ((before & 1) != 0) {
                Thread.onSpinWait(); // A batch of it is being committed.
                continue;
            }
            StateIndex loaded = load(negotiationId);
            synchronized (lock) {
                if (sequence.get() != before) {
                    continue; // A batch committed while the views were read.
                }
                if (loaded.estimatedBytes() > maxBytes) {
                    oversized.add(negotiationId);
                    log.info("The state index of {} ({} forms, ~{} bytes) exceeds the cache ({} bytes): "
                            + "answered by range scans", negotiationId, loaded.forms(), loaded.estimatedBytes(), maxBytes);
                    return null;
                }
                StateIndex raced = cache.get(negotiationId);
                if (raced != null) {
                    return raced; // Loaded by another reader meanwhile: the same views.
                }
                put(loaded);
                return loaded;
            }
        }
        return null;
    }

    /** How many loads from the views this process has made (a cold negotiation's first query). */
    public long loads() {
        return loads.get();
    }

    /** The estimated heap the cached indexes take. */
    public long cachedBytes() {
        synchronized (lock) {
            return cachedBytes;
        }
    }

    /** Drops every cached index: the next query of each negotiation loads it from the views. */
    public void clear() {
        oversized.clear();
        synchronized (lock) {
            cache.clear();
            cachedBytes = 0;
        }
    }

    private void put(StateIndex index) {
        StateIndex previous = cache.put(index.negotiationId(), index);
        cachedBytes += index.estimatedBytes() - (previous == null ? 0 : previous.estimatedBytes());
        Iterator<StateIndex> eldest = cache.values().iterator();
        while (cachedBytes > maxBytes && eldest.hasNext()) {
            StateIndex evicted = eldest.next();
            eldest.remove();
            cachedBytes -= evicted.estimatedBytes();
        }
    }

    // --- kept current by the projection ---------------------------------------------------------

    /** What one transaction of the projection changed, per negotiation, held until it ends. */
    final class Batch {
        private final Map<String, List<Consumer<StateIndex.Changes>>> changes = new LinkedHashMap<>();
        private boolean committing;

        /** A change of the negotiation, made into index entries only if its index is cached then. */
        void add(String negotiationId, Consumer<StateIndex.Changes> change) {
            changes.computeIfAbsent(negotiationId, n -> new ArrayList<>()).add(change);
            if (!BatchScope.active()) {
                applyNow(); // No transaction: each write is committed as it is made.
            }
        }

        private void beforeCommit() {
            changes.keySet().forEach(n -> sequences.computeIfAbsent(n, x -> new AtomicLong()).incrementAndGet());
            committing = true;
        }

        private void afterCompletion(boolean committed) {
            try {
                if (committed) {
                    changes.forEach(StateIndexes.this::apply);
                }
            } finally {
                if (committing) {
                    changes.keySet().forEach(n -> sequences.get(n).incrementAndGet());
                    committing = false;
                }
            }
        }

        private void applyNow() {
            beforeCommit();
            afterCompletion(true);
            changes.clear();
        }
    }

    /** The current transaction's batch, whose changes reach the indexes once it has committed. */
    Batch batch() {
        return BatchScope.get(key, Batch::new, Batch::beforeCommit, Batch::afterCompletion);
    }

    /** Applies a committed batch's changes to the negotiation's cached index, if it is cached. */
    private void apply(String negotiationId, List<Consumer<StateIndex.Changes>> changes) {
        StateIndex cached;
        synchronized (lock) {
            cached = cache.get(negotiationId);
        }
        if (cached == null) {
            return; // Loaded from the views when it is asked for.
        }
        StateIndex next;
        try {
            StateIndex.Changes entries = StateIndex.Changes.empty();
            changes.forEach(change -> change.accept(entries));
            next = cached.with(entries);
        } catch (RuntimeException e) {
            // The views have the batch; the index cannot be trusted without it.
            log.error("Could not apply a batch to the state index of {}; it is dropped and reloaded when asked", negotiationId, e);
            next = null;
        }
        synchronized (lock) {
            if (cache.get(negotiationId) != cached) {
                return; // Evicted meanwhile.
            }
            if (next == null || next.estimatedBytes() > maxBytes) {
                cachedBytes -= cache.remove(negotiationId).estimatedBytes();
                if (next != null) {
                    oversized.add(negotiationId);
                }
            } else {
                put(next);
            }
        }
    }

    Fragments fragments() {
        return fragments;
    }

    // --- loaded from the views ------------------------------------------------------------------

    private static final String FORMS = "SELECT event_id, version, known_from, known_until, recorded_at, earliest, latest, "
            + "retracted, body FROM development_version WHERE negotiation_id = ?";
    private static final String CLAIMS = "SELECT event_id, version, ordinal, subject, value_json, sources, basis_json FROM claim_version "
            + "WHERE negotiation_id = ?";
    private static final String POSITIONS = "SELECT event_id, version, position_key, body FROM position_version "
            + "WHERE negotiation_id = ?";
    private static final String DOCUMENTS = "SELECT document_id, recorded_at FROM document_view WHERE negotiation_id = ?";
    private static final String VERSIONS = "SELECT v.document_id, v.version, v.latest, v.recorded_at, v.body "
            + "FROM document_view d JOIN document_version v ON v.document_id = d.document_id WHERE d.negotiation_id = ?";
    private static final String STATUSES = "SELECT s.document_id, s.provision_id, s.stream_id, s.sequence, s.latest, "
            + "s.recorded_at, s.body FROM document_view d JOIN provision_status s ON s.document_id = d.document_id "
            + "WHERE d.negotiation_id = ?";

    /**
     * The negotiation's index from its rows in the views: what a restart and a rebuild start from.
     * Development and position bodies, claim values and sources are taken as stored (see
     * {@link Fragments#stored}); document versions and statuses are read for the fields shown.
     */
    StateIndex load(String negotiationId) {
        loads.incrementAndGet();
        Map<StateIndex.FormKey, List<StateIndex.Claim>> claims = new HashMap<>();
        jdbc.query(CLAIMS, rs -> {
            claims.computeIfAbsent(new StateIndex.FormKey(rs.getString("event_id"), rs.getInt("version")), k -> new ArrayList<>())
                    .add(new StateIndex.Claim(rs.getInt("ordinal"), rs.getString("subject"),
                            fragments.claim(rs.getString("value_json"), rs.getString("sources"), rs.getString("event_id"),
                                    rs.getString("basis_json"))));
        }, negotiationId);
        claims.values().forEach(list -> list.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal())));
        Map<StateIndex.FormKey, StateIndex.Position> positions = new HashMap<>();
        jdbc.query(POSITIONS, rs -> {
            positions.put(new StateIndex.FormKey(rs.getString("event_id"), rs.getInt("version")),
                    new StateIndex.Position(rs.getString("position_key"), Fragments.stored(rs.getString("body"))));
        }, negotiationId);
        StateIndex.Changes rows = StateIndex.Changes.empty();
        jdbc.query(FORMS, rs -> {
            StateIndex.FormKey formKey = new StateIndex.FormKey(rs.getString("event_id"), rs.getInt("version"));
            OffsetDateTime until = rs.getObject("known_until", OffsetDateTime.class);
            rows.opened().add(new StateIndex.Form(formKey.eventId(), formKey.version(), micros(rs, "known_from"),
                    until == null ? StateIndex.OPEN : StateIndex.micros(until.toInstant()), micros(rs, "recorded_at"),
                    micros(rs, "earliest"), micros(rs, "latest"), rs.getBoolean("retracted"),
                    Fragments.stored(rs.getString("body")),
                    claims.getOrDefault(formKey, List.of()), positions.get(formKey)));
        }, negotiationId);
        jdbc.query(DOCUMENTS, rs -> {
            rows.documents().add(new StateIndex.Document(rs.getString("document_id"), micros(rs, "recorded_at")));
        }, negotiationId);
        jdbc.query(VERSIONS, rs -> {
            rows.versions().add(version(rs.getString("document_id"), rs.getInt("version"), micros(rs, "latest"),
                    micros(rs, "recorded_at"), Payloads.read(json, rs.getString("body"))));
        }, negotiationId);
        jdbc.query(STATUSES, rs -> {
            Fragments.StatusFragments status = fragments.reportedStatus(Payloads.read(json, rs.getString("body")));
            rows.statuses().add(new StateIndex.Status(rs.getString("document_id"), rs.getString("provision_id"),
                    rs.getString("stream_id"), rs.getLong("sequence"), micros(rs, "latest"), micros(rs, "recorded_at"),
                    status.value(), status.tail()));
        }, negotiationId);
        return StateIndex.empty(negotiationId, fragments).with(rows);
    }

    /**
     * A document version's entry from what its answer shows ({@code version}, {@code label},
     * {@code status}, {@code textAvailable}, {@code occurred}, {@code provisions}): the stored body,
     * or the event's payload, which holds the same fields.
     */
    StateIndex.Version version(String documentId, int number, long latest, long recordedAt, JsonNode shown) {
        List<StateIndex.Provision> provisions = new ArrayList<>();
        for (JsonNode provision : shown.path("provisions")) {
            provisions.add(new StateIndex.Provision(provision.path("id").asText(), fragments.provisionOpening(provision),
                    fragments.ownStatus(provision), fragments.provisionMiddle(provision)));
        }
        return new StateIndex.Version(documentId, number, latest, recordedAt, fragments.documentOpening(documentId, shown),
                provisions);
    }

    private static long micros(ResultSet rs, String column) throws SQLException {
        return StateIndex.micros(rs.getObject(column, OffsetDateTime.class).toInstant());
    }
}
