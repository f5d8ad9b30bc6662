package org.negotiationtimeline.projection.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One negotiation's state views in memory, immutable: a bitemporal index that answers "the state
 * at {@code at} as known at {@code knownAt}" with binary searches over sorted arrays and appends
 * of ready JSON ({@link Fragments}), by the rules of docs/queries.md that {@link StateQueries}
 * answers with range scans.
 *
 * <ul>
 *   <li>every development form, sorted as the answer lists developments (latest, earliest,
 *       recordedAt, all descending, then eventId), each with its transaction-time interval
 *       {@code [knownFrom, knownUntil)};</li>
 *   <li>the forms current now (not superseded, not retracted) again, in the same order: asked as
 *       known at or after the last amendment ({@link #settledSince}), the forms valid are exactly
 *       these, and a page of developments is a slice, the claims of a subject a prefix of one
 *       byte array;</li>
 *   <li>claims per subject, oldest first; positions per holder and question; documents with
 *       their versions and each provision's reported statuses.</li>
 * </ul>
 *
 * <p>A batch of the projection gives a new index ({@link #with}); readers holding the old one
 * keep answering from it, so a reader sees a negotiation before or after a batch, never in
 * between. Cost of {@link #with}: O(forms of the negotiation), a copy. Times are kept in epoch
 * microseconds, the precision of the views.
 */
final class StateIndex {

    /** {@code knownUntil} of a form nothing has superseded. */
    static final long OPEN = Long.MAX_VALUE;

    /** Caps the uncertain window, as {@link StateQueries} does (its {@code FAR_FUTURE}). */
    private static final long FAR_FUTURE = micros(Instant.parse("+10100-01-01T00:00:00Z"));

    /** A development form: a row of {@code development_version} with its claim and position rows. */
    record Form(String eventId, int version, long knownFrom, long knownUntil, long recordedAt, long earliest, long latest,
                boolean retracted, byte[] body, List<Claim> claims, Position position) {

        Form {
            claims = retracted ? List.of() : List.copyOf(claims);
            position = retracted ? null : position;
        }

        /** Valid at knownAt and not retracted: the only forms an answer looks at. */
        boolean shownAt(long knownAt) {
            return knownFrom <= knownAt && knownAt < knownUntil && !retracted;
        }

        Form closedAt(long until) {
            return new Form(eventId, version, knownFrom, until, recordedAt, earliest, latest, retracted, body, claims,
                    position);
        }
    }

    /** One claim of a form, in the form's own order. */
    record Claim(int ordinal, String subject, byte[] fragment) {
    }

    /** A form's position: holder and question, and the entry the answer lists. */
    record Position(String key, byte[] body) {
    }

    /** A document (a row of {@code document_view}). */
    record Document(String id, long recordedAt) {
    }

    /** One version of a document, opened up to its provisions. */
    record Version(String documentId, int number, long latest, long recordedAt, byte[] opening, List<Provision> provisions) {

        Version {
            provisions = List.copyOf(provisions);
        }
    }

    /** A provision of a version: its opening and its own status. */
    record Provision(String id, byte[] opening, byte[] ownStatus, byte[] middle) {
    }

    /** A status reported for a provision (a row of {@code provision_status}). */
    record Status(String documentId, String provisionId, String streamId, long sequence, long latest, long recordedAt,
                  byte[] value, byte[] tail) {
    }

    /** Which form a close applies to. */
    record FormKey(String eventId, int version) {
    }

    /** What a batch adds to a negotiation, or what a load from the views holds. */
    record Changes(List<Form> opened, Map<FormKey, Long> closed, List<Document> documents, List<Version> versions,
                   List<Status> statuses) {

        static Changes empty() {
            return new Changes(new ArrayList<>(), new HashMap<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** The order of the developments (docs/queries.md); the version only orders forms never shown together. */
    private static final Comparator<Form> LATEST_FIRST = Comparator.comparingLong(Form::latest).reversed()
            .thenComparing(Comparator.comparingLong(Form::earliest).reversed())
            .thenComparing(Comparator.comparingLong(Form::recordedAt).reversed())
            .thenComparing(Form::eventId)
            .thenComparingInt(Form::version);

    /** Claims of a subject: the reverse of the developments' order, then each form's own order. */
    private static final Comparator<ClaimOf> OLDEST_FIRST = Comparator.comparingLong((ClaimOf c) -> c.form().latest())
            .thenComparingLong(c -> c.form().earliest())
            .thenComparingLong(c -> c.form().recordedAt())
            .thenComparing((ClaimOf c) -> c.form().eventId(), Comparator.reverseOrder())
            .thenComparingInt(c -> c.form().version())
            .thenComparingInt(c -> c.claim().ordinal());

    private static final Comparator<Version> ON_THE_TABLE_FIRST = Comparator.comparingLong(Version::latest).reversed()
            .thenComparing(Comparator.comparingInt(Version::number).reversed());

    private static final Comparator<Status> LATEST_REPORT_FIRST = Comparator.comparingLong(Status::latest).reversed()
            .thenComparing(Comparator.comparingLong(Status::recordedAt).reversed())
            .thenComparing(Status::streamId)
            .thenComparingLong(Status::sequence);

    private record ClaimOf(Form form, Claim claim) {
    }

    /** Forms sorted latest first, with their latest times for binary search. */
    private record Run(Form[] forms, long[] latest) {

        static Run of(List<Form> sorted) {
            Form[] forms = sorted.toArray(Form[]::new);
            long[] latest = new long[forms.length];
            for (int i = 0; i < forms.length; i++) {
                latest[i] = forms[i].latest();
            }
            return new Run(forms, latest);
        }

        /** The first index whose latest is at or before {@code at} (latest descending). */
        int firstAtOrBefore(long at) {
            int low = 0;
            int high = latest.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (latest[mid] <= at) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }
    }

    /** A subject's claims: all, oldest first; and those of current forms as one joined array. */
    private record Subject(byte[] opening, ClaimOf[] all, long[] allLatest, byte[] currentJoined, int[] currentEnds,
                           long[] currentLatest) {
    }

    /** A document with its versions on the table first, and its provisions' reports latest first. */
    private record DocumentIndex(Document document, Version[] versions, Map<String, Status[]> reports) {
    }

    private final String negotiationId;
    private final Fragments fragments;
    private final Run all;
    private final Run current;
    private final long settledSince;
    private final long widest;
    private final Map<String, Subject> claims;
    private final Map<String, Run> positions;
    private final Map<String, Run> currentPositions;
    private final List<DocumentIndex> documents;
    private final List<Document> documentRows;
    private final List<Version> versionRows;
    private final List<Status> statusRows;
    private final long estimatedBytes;

    static StateIndex empty(String negotiationId, Fragments fragments) {
        return new StateIndex(negotiationId, fragments, List.of(), List.of(), List.of(), List.of());
    }

    private StateIndex(String negotiationId, Fragments fragments, List<Form> sortedForms, List<Document> documentRows, List<Version> versionRows,
                       List<Status> statusRows) {
        this.negotiationId = negotiationId;
        this.fragments = fragments;
        this.all = Run.of(sortedForms);
        this.documentRows = documentRows;
        this.versionRows = versionRows;
        this.statusRows = statusRows;
        List<Form> open = new ArrayList<>();
        Map<String, List<ClaimOf>> bySubject = new TreeMap<>();
        Map<String, List<Form>> byPosition = new TreeMap<>();
        Map<String, List<Form>> byCurrentPosition = new TreeMap<>();
        long settled = Long.MIN_VALUE;
        long wide = -1;
        long bytes = 256;
        for (Form form : sortedForms) {
            settled = Math.max(settled, form.knownFrom());
            wide = Math.max(wide, form.latest() - form.earliest());
            boolean isCurrent = form.knownUntil() == OPEN && !form.retracted();
            if (isCurrent) {
                open.add(form);
            }
            bytes += 320 + form.body().length + 2L * form.eventId().length(); // The record, its strings, slots in the arrays.
            for (Claim claim : form.claims()) {
                bySubject.computeIfAbsent(claim.subject(), s -> new ArrayList<>()).add(new ClaimOf(form, claim));
                bytes += 80 + 2L * claim.fragment().length;
            }
            if (form.position() != null) {
                byPosition.computeIfAbsent(form.position().key(), k -> new ArrayList<>()).add(form);
                if (isCurrent) {
                    byCurrentPosition.computeIfAbsent(form.position().key(), k -> new ArrayList<>()).add(form);
                }
                bytes += 64 + form.position().body().length;
            }
        }
        this.current = Run.of(open);
        this.settledSince = settled;
        this.widest = wide;
        this.claims = new TreeMap<>();
        bySubject.forEach((subject, list) -> claims.put(subject, subject(fragments.subjectOpening(subject), list)));
        this.positions = new TreeMap<>();
        byPosition.forEach((key, list) -> positions.put(key, Run.of(list)));
        this.currentPositions = new TreeMap<>();
        byCurrentPosition.forEach((key, list) -> currentPositions.put(key, Run.of(list)));
        this.documents = documentIndexes(documentRows, versionRows, statusRows);
        for (Version version : versionRows) {
            bytes += 96 + version.opening().length;
            for (Provision provision : version.provisions()) {
                bytes += 64 + provision.opening().length + provision.ownStatus().length + provision.middle().length;
            }
        }
        bytes += statusRows.stream().mapToLong(s -> 96 + s.value().length + s.tail().length).sum() + 64L * documentRows.size();
        this.estimatedBytes = bytes;
    }

    private static Subject subject(byte[] opening, List<ClaimOf> list) {
        list.sort(OLDEST_FIRST);
        ClaimOf[] claims = list.toArray(ClaimOf[]::new);
        long[] latest = new long[claims.length];
        Fragments.Bytes joined = new Fragments.Bytes(64);
        List<Long> currentLatest = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < claims.length; i++) {
            latest[i] = claims[i].form().latest();
            Form form = claims[i].form();
            if (form.knownUntil() == OPEN && !form.retracted()) {
                joined.comma(ends.isEmpty()).raw(claims[i].claim().fragment());
                ends.add(joined.size());
                currentLatest.add(form.latest());
            }
        }
        return new Subject(opening, claims, latest, joined.toArray(), ends.stream().mapToInt(Integer::intValue).toArray(),
                currentLatest.stream().mapToLong(Long::longValue).toArray());
    }

    private static List<DocumentIndex> documentIndexes(List<Document> documentRows, List<Version> versionRows,
                                                       List<Status> statusRows) {
        Map<String, List<Version>> versions = new HashMap<>();
        versionRows.forEach(v -> versions.computeIfAbsent(v.documentId(), d -> new ArrayList<>()).add(v));
        Map<String, Map<String, List<Status>>> reports = new HashMap<>();
        statusRows.forEach(s -> reports.computeIfAbsent(s.documentId(), d -> new HashMap<>())
                .computeIfAbsent(s.provisionId(), p -> new ArrayList<>()).add(s));
        List<DocumentIndex> indexes = new ArrayList<>();
        for (Document document : documentRows.stream().sorted(Comparator.comparing(Document::id)).toList()) {
            Version[] onTable = versions.getOrDefault(document.id(), List.of()).stream().sorted(ON_THE_TABLE_FIRST)
                    .toArray(Version[]::new);
            Map<String, Status[]> byProvision = new HashMap<>();
            reports.getOrDefault(document.id(), Map.of()).forEach((provision, list) ->
                    byProvision.put(provision, list.stream().sorted(LATEST_REPORT_FIRST).toArray(Status[]::new)));
            indexes.add(new DocumentIndex(document, onTable, byProvision));
        }
        return indexes;
    }

    /** This index with a batch's (or a load's) changes applied: a new index, this one unchanged. */
    StateIndex with(Changes changes) {
        List<Form> forms = new ArrayList<>(all.forms().length + changes.opened().size());
        for (Form form : all.forms()) {
            Long until = changes.closed().isEmpty() ? null : changes.closed().get(new FormKey(form.eventId(), form.version()));
            forms.add(until == null ? form : form.closedAt(until));
        }
        for (Form form : changes.opened()) {
            Long until = changes.closed().get(new FormKey(form.eventId(), form.version()));
            forms.add(until == null ? form : form.closedAt(until));
        }
        forms.sort(LATEST_FIRST); // TimSort: a sorted run and the batch's few forms.
        return new StateIndex(negotiationId, fragments, forms, concat(documentRows, changes.documents()),
                concat(versionRows, changes.versions()), concat(statusRows, changes.statuses()));
    }

    private static <T> List<T> concat(List<T> before, List<T> added) {
        if (added.isEmpty()) {
            return before;
        }
        List<T> both = new ArrayList<>(before.size() + added.size());
        both.addAll(before);
        both.addAll(added);
        return List.copyOf(both);
    }

    String negotiationId() {
        return negotiationId;
    }

    /** What this index holds, roughly, in bytes of heap: what the cache is bounded by. */
    long estimatedBytes() {
        return estimatedBytes;
    }

    /** Development forms held (every version of every development). */
    int forms() {
        return all.forms().length;
    }

    /** The answer: the bytes {@link StateQueries}'s answer is serialised to, as slices of this index's fragments. */
    Fragments.Bytes answer(Instant at, Instant knownAt, int limit, int offset) {
        long atMicros = micros(at);
        long known = micros(knownAt);
        boolean settled = known >= settledSince;
        Fragments.Bytes out = new Fragments.Bytes(1024);
        out.raw("{\"negotiationId\":").raw(fragments.text(negotiationId))
                .raw(",\"at\":").raw(fragments.text(at.toString()))
                .raw(",\"knownAt\":").raw(fragments.text(knownAt.toString()));
        out.raw(",\"documents\":[");
        documents(out, atMicros, known);
        out.raw("],\"claims\":[");
        claims(out, atMicros, known, settled);
        out.raw("],\"positions\":[");
        positions(out, atMicros, known, settled);
        out.raw("],\"developments\":[");
        boolean hasMore = developments(out, atMicros, known, settled, limit, offset);
        out.raw("],\"uncertain\":[");
        uncertain(out, atMicros, known);
        out.raw("],\"page\":{\"offset\":").number(offset).raw(",\"limit\":").number(limit)
                .raw(",\"hasMore\":").raw(hasMore ? "true" : "false").raw("}}");
        return out;
    }

    /** A page of the developments that happened by {@code at}; whether more follow. */
    private boolean developments(Fragments.Bytes out, long at, long known, boolean settled, int limit, int offset) {
        if (settled) {
            int from = current.firstAtOrBefore(at) + offset;
            int to = (int) Math.min((long) from + limit, current.forms().length);
            for (int i = from; i < to; i++) {
                out.comma(i == from).raw(current.forms()[i].body());
            }
            return (long) from + limit < current.forms().length;
        }
        Form[] forms = all.forms();
        int skipped = 0;
        int listed = 0;
        for (int i = all.firstAtOrBefore(at); i < forms.length; i++) {
            if (!forms[i].shownAt(known)) {
                continue;
            }
            if (skipped < offset) {
                skipped++;
            } else if (listed == limit) {
                return true;
            } else {
                out.comma(listed++ == 0).raw(forms[i].body());
            }
        }
        return false;
    }

    /** Developments whose interval holds {@code at}: latest after it, by at most the widest interval. */
    private void uncertain(Fragments.Bytes out, long at, long known) {
        if (widest < 0 || at >= FAR_FUTURE) {
            return;
        }
        long end = Math.min(at + widest, FAR_FUTURE);
        Form[] forms = all.forms();
        boolean first = true;
        for (int i = all.firstAtOrBefore(end), stop = all.firstAtOrBefore(at); i < stop; i++) {
            if (forms[i].earliest() <= at && forms[i].shownAt(known)) {
                out.comma(first).raw(forms[i].body());
                first = false;
            }
        }
    }

    private void claims(Fragments.Bytes out, long at, long known, boolean settled) {
        boolean firstSubject = true;
        for (Subject subject : claims.values()) {
            if (settled) {
                int count = upTo(subject.currentLatest(), at);
                if (count == 0) {
                    continue;
                }
                out.comma(firstSubject).raw(subject.opening()).raw(subject.currentJoined(), 0, subject.currentEnds()[count - 1])
                        .raw("]}");
                firstSubject = false;
                continue;
            }
            boolean firstValue = true;
            ClaimOf[] all = subject.all();
            for (int i = 0; i < all.length && all[i].form().latest() <= at; i++) {
                if (all[i].form().shownAt(known)) {
                    if (firstValue) {
                        out.comma(firstSubject).raw(subject.opening());
                        firstSubject = false;
                    }
                    out.comma(firstValue).raw(all[i].claim().fragment());
                    firstValue = false;
                }
            }
            if (!firstValue) {
                out.raw("]}");
            }
        }
    }

    /** How many of the ascending {@code latest} are at or before {@code at}. */
    private static int upTo(long[] latest, long at) {
        int low = 0;
        int high = latest.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (latest[mid] <= at) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private void positions(Fragments.Bytes out, long at, long known, boolean settled) {
        boolean first = true;
        for (Map.Entry<String, Run> pair : (settled ? currentPositions : positions).entrySet()) {
            Run run = pair.getValue();
            Form[] forms = run.forms();
            for (int i = run.firstAtOrBefore(at); i < forms.length; i++) {
                if (settled || forms[i].shownAt(known)) {
                    out.comma(first).raw(forms[i].position().body());
                    first = false;
                    break;
                }
            }
        }
    }

    private void documents(Fragments.Bytes out, long at, long known) {
        boolean first = true;
        for (DocumentIndex document : documents) {
            if (document.document().recordedAt() > known) {
                continue;
            }
            Version version = null;
            for (Version candidate : document.versions()) {
                if (candidate.latest() <= at && candidate.recordedAt() <= known) {
                    version = candidate;
                    break;
                }
            }
            if (version == null) {
                continue; // Not on the table yet at `at`.
            }
            out.comma(first).raw(version.opening());
            first = false;
            boolean firstProvision = true;
            for (Provision provision : version.provisions()) {
                out.comma(firstProvision).raw(provision.opening());
                firstProvision = false;
                Status status = reported(document.reports().get(provision.id()), at, version.latest(), known);
                out.raw(status == null ? provision.ownStatus() : status.value()).raw(provision.middle());
                if (status != null) {
                    out.raw(status.tail());
                }
                out.raw("}");
            }
            out.raw("]}");
        }
    }

    /** The most recent status reported by {@code at} and recorded by knownAt, unless older than the version. */
    private static Status reported(Status[] reports, long at, long versionLatest, long known) {
        if (reports != null) {
            for (Status status : reports) {
                if (status.latest() <= at && status.latest() >= versionLatest && status.recordedAt() <= known) {
                    return status;
                }
            }
        }
        return null;
    }

    /** Epoch microseconds, rounded down (the views hold microseconds); beyond ±292,000 years, saturated. */
    static long micros(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds > 9_000_000_000_000L) {
            return OPEN - 1;
        }
        if (seconds < -9_000_000_000_000L) {
            return Long.MIN_VALUE + 1;
        }
        return seconds * 1_000_000L + instant.getNano() / 1_000;
    }
}
