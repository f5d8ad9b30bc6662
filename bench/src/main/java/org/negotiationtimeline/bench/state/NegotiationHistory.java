package org.negotiationtimeline.bench.state;

import static org.negotiationtimeline.projection.fixture.DocumentEvents.documentCreated;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.provisionStatus;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.versionAdded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.actorRegistered;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentCorrected;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRetracted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.source;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.negotiationtimeline.projection.consuming.TimelineEventsTopic;
import org.negotiationtimeline.projection.consuming.TimelineMessage;
import org.negotiationtimeline.projection.fixture.DocumentEvents.VersionAdded;
import org.negotiationtimeline.projection.fixture.Occurrence;
import org.negotiationtimeline.projection.fixture.TimelineEvents.DevelopmentCorrected;
import org.negotiationtimeline.projection.fixture.TimelineEvents.DevelopmentRecorded;
import org.negotiationtimeline.projection.fixture.TimelineEvents.Event;

/**
 * One negotiation's history, generated from a seed, in the published form: Kafka records written
 * by projection-service's published-event builders ({@code TimelineEvents}, from its test-jar),
 * numbered from 0 on one partition as the publisher keeps one negotiation's stream. The same seed
 * and size give the same bytes ({@code ce_id}s come from the seed too).
 *
 * <p>What it holds, for {@code n} developments:
 * <ul>
 *   <li>the negotiation, {@value #ACTORS} actors and one document with {@value #DOCUMENT_VERSIONS}
 *       versions of {@value #PROVISIONS} provisions, recorded evenly through the history, each
 *       occurring a few days before it is recorded, plus {@value #STATUS_CHANGES} provision status
 *       reports;</li>
 *   <li>{@code n} developments of random precision (a minute, a day, an interval of 2–5 days, a
 *       month), placed uniformly over a valid-time span of {@code n / }{@value #DEVELOPMENTS_PER_DAY}
 *       days (at least 30): the density stays that of a busy negotiation, so a larger history is a
 *       longer one, not a denser one. About 15% are POSITIONs (6 holders × 10 questions) and 20%
 *       carry one or two claims (40 subjects);</li>
 *   <li>about 1% corrections (moving the date, retitling, replacing the claims or the stance) and
 *       0.5% retractions of earlier developments, interleaved with the recording.</li>
 * </ul>
 * The developments are recorded in an order unrelated to their valid time (recordedAt grows with
 * the sequence over the same length of time), as in projection-service's StatePropertyTest.
 *
 * <p>Limits: one negotiation (the view's cost per negotiation is what is measured, not the effect
 * of other negotiations sharing its tables); UTC only; no SANCTIONS or APPOINTMENT blocks.
 */
public final class NegotiationHistory {

    /** A question: the state at {@code at} as known at {@code knownAt}. */
    public record Query(Instant at, Instant knownAt) {
    }

    /** The topic projection-service reads by default. */
    public static final String TOPIC = "negotiation-events";

    public static final int DEVELOPMENTS_PER_DAY = 20;
    public static final int ACTORS = 8;
    public static final int DOCUMENT_VERSIONS = 40;
    public static final int PROVISIONS = 12;
    public static final int STATUS_CHANGES = 8;
    public static final String DOCUMENT_ID = "framework-plan";

    private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
    private static final String[] TYPES = {"MEETING", "STATEMENT", "REPORT", "OTHER"};
    private static final String[] STANCES = {"SUPPORTS", "OPPOSES", "DEMANDS", "REJECTS", "PROPOSES", "ACCEPTS"};
    private static final String[] ROLES = {"PARTICIPANT", "SPEAKER", "HOST", "MEDIATOR", "SUBJECT"};
    private static final String[] TOPICS = {"ceasefire", "security-guarantees", "territory", "sanctions", "prisoners",
            "energy", "reconstruction", "elections"};
    private static final String[] OUTLETS = {"Reuters", "AP", "RFE/RL", "Kyiv Independent", "Axios", "TASS"};
    private static final String[] PROVISION_STATUSES = {"PROPOSED", "AGREED", "DISPUTED", "OPEN", "REJECTED"};

    private final long seed;
    private final int developments;
    private final String negotiationId;
    private final List<ConsumerRecord<String, byte[]>> records;
    private final int corrections;
    private final int retractions;
    private final Instant validFrom;
    private final Instant validUntil;
    private final Instant recordedFrom;
    private final Instant recordedUntil;

    private NegotiationHistory(long seed, int developments, String negotiationId, List<ConsumerRecord<String, byte[]>> records,
                               int corrections, int retractions, Instant validFrom, Instant validUntil) {
        this.seed = seed;
        this.developments = developments;
        this.negotiationId = negotiationId;
        this.records = records;
        this.corrections = corrections;
        this.retractions = retractions;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.recordedFrom = Instant.ofEpochMilli(records.get(0).timestamp());
        this.recordedUntil = Instant.ofEpochMilli(records.get(records.size() - 1).timestamp());
    }

    public static NegotiationHistory generate(long seed, int developments) {
        if (developments < 1) {
            throw new IllegalArgumentException("at least one development");
        }
        return new Generator(seed, developments).run();
    }

    public long seed() {
        return seed;
    }

    public int developments() {
        return developments;
    }

    public int corrections() {
        return corrections;
    }

    public int retractions() {
        return retractions;
    }

    public String negotiationId() {
        return negotiationId;
    }

    /** The records in stream order: what the projection consumes. */
    public List<ConsumerRecord<String, byte[]>> records() {
        return records;
    }

    /** The records as projection-service reads them ({@link TimelineEventsTopic#read}). */
    public List<TimelineMessage> messages() {
        TimelineEventsTopic topic = new TimelineEventsTopic(TOPIC);
        List<TimelineMessage> messages = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            messages.add(topic.read(record));
        }
        return messages;
    }

    public Instant validFrom() {
        return validFrom;
    }

    public Instant validUntil() {
        return validUntil;
    }

    public Instant recordedFrom() {
        return recordedFrom;
    }

    public Instant recordedUntil() {
        return recordedUntil;
    }

    /**
     * {@code count} questions from {@code seed}, whole seconds: {@code at} uniform from 3 days
     * before the valid span to 3 days after it, {@code knownAt} independently uniform from an
     * hour before the first recording to an hour after the last.
     */
    public List<Query> queries(long querySeed, int count) {
        Random random = new Random(querySeed);
        Instant atFrom = validFrom.minus(Duration.ofDays(3));
        long atSpan = Duration.between(atFrom, validUntil.plus(Duration.ofDays(3))).toSeconds();
        Instant knownFrom = recordedFrom.minus(Duration.ofHours(1));
        long knownSpan = Duration.between(knownFrom, recordedUntil.plus(Duration.ofHours(1))).toSeconds();
        List<Query> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            queries.add(new Query(atFrom.plusSeconds(random.nextLong(atSpan + 1)),
                    knownFrom.plusSeconds(random.nextLong(knownSpan + 1))));
        }
        return List.copyOf(queries);
    }

    /** The generation itself, one pass, in recording order. */
    private static final class Generator {
        private final long seed;
        private final int developments;
        private final Random random;
        private final String negotiationId;
        /** The ce_ids: a stream of its own, so the history's choices do not depend on them. */
        private final Random ids;
        private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        private final int days;
        private final long meanStepMillis;
        private Instant clock = START;
        /** Recorded developments that may still be amended, and whether each is a POSITION. */
        private final List<String> amendable = new ArrayList<>();
        private final List<Boolean> amendableIsPosition = new ArrayList<>();
        private int corrections;
        private int retractions;

        Generator(long seed, int developments) {
            this.seed = seed;
            this.developments = developments;
            this.random = new Random(seed);
            this.negotiationId = "bench-" + developments + "-" + Long.toUnsignedString(seed, 36);
            this.ids = new Random(seed ^ 0x5DEECE66DL);
            this.days = Math.max(30, (developments + DEVELOPMENTS_PER_DAY - 1) / DEVELOPMENTS_PER_DAY);
            long expectedEvents = developments + developments / 66 + 2 + ACTORS + DOCUMENT_VERSIONS + STATUS_CHANGES;
            this.meanStepMillis = Math.max(2, Duration.ofDays(days).toMillis() / expectedEvents);
        }

        NegotiationHistory run() {
            append(negotiationStarted(negotiationId).titled("Benchmark negotiation " + developments), next());
            for (int a = 0; a < ACTORS; a++) {
                append(actorRegistered(negotiationId, actor(a)).named("Actor " + a)
                        .kind(a % 4 == 3 ? "ORGANISATION" : "PERSON"), next());
            }
            append(documentCreated(negotiationId, DOCUMENT_ID), next());
            int version = 0;
            int statuses = 0;
            for (int i = 0; i < developments; i++) {
                // Versions evenly through the history (the first at once); statuses in its second half.
                while (version < DOCUMENT_VERSIONS && (long) version * developments <= (long) i * DOCUMENT_VERSIONS) {
                    version(++version);
                }
                while (statuses < STATUS_CHANGES
                        && (long) statuses * developments <= (long) (i - developments / 2) * 2 * STATUS_CHANGES) {
                    status(statuses++);
                }
                int roll = random.nextInt(1000);
                if (roll < 10 && !amendable.isEmpty()) {
                    correct();
                } else if (roll < 15 && !amendable.isEmpty()) {
                    retract();
                }
                develop(i);
            }
            while (version < DOCUMENT_VERSIONS) {
                version(++version);
            }
            while (statuses < STATUS_CHANGES) {
                status(statuses++);
            }
            return new NegotiationHistory(seed, developments, negotiationId, List.copyOf(records), corrections, retractions,
                    START, START.plus(Duration.ofDays(days)));
        }

        /** The event, next in the stream (offset = sequence), recorded at {@code recordedAt}. */
        private void append(Event<?> event, Instant recordedAt) {
            long sequence = records.size();
            event.atSequence(sequence).recordedAt(recordedAt)
                    .identifiedAs(new UUID(ids.nextLong(), ids.nextLong()).toString());
            records.add(event.toConsumerRecord(TOPIC, 0, sequence));
        }

        private Instant next() {
            clock = clock.plusMillis(1 + random.nextLong(2 * meanStepMillis));
            return clock;
        }

        private void develop(int i) {
            String eventId = "dev-" + i;
            boolean position = random.nextInt(100) < 15;
            String type = position ? "POSITION" : TYPES[random.nextInt(TYPES.length)];
            DevelopmentRecorded d = developmentRecorded(negotiationId, eventId).ofType(type).occurred(randomOccurred())
                    .titled(type.charAt(0) + type.substring(1).toLowerCase() + " number " + i + " in the talks");
            if (random.nextInt(3) == 0) {
                d.summarised("A summary of development " + i + " as the sources put it, with enough words to "
                        + "make the stored body about the size of a real one in the dataset.");
            }
            int actorCount = 1 + random.nextInt(3);
            for (int a = 0; a < actorCount; a++) {
                d.withActor(actor(random.nextInt(ACTORS)), ROLES[random.nextInt(ROLES.length)]);
            }
            for (int t = random.nextInt(3); t > 0; t--) {
                d.onTopics(TOPICS[random.nextInt(TOPICS.length)]);
            }
            if ("STATEMENT".equals(type)) {
                d.quoting("We are ready to talk, statement " + i, random.nextBoolean());
            }
            if (position) {
                d.holding(actor(random.nextInt(6)), STANCES[random.nextInt(STANCES.length)], "question-" + random.nextInt(10));
            }
            Instant recordedAt = next();
            d.reportedBy(source(OUTLETS[random.nextInt(OUTLETS.length)]).published(day(recordedAt)));
            if (random.nextInt(4) == 0) {
                d.reportedBy(source(OUTLETS[random.nextInt(OUTLETS.length)]).via("Reuters"));
            }
            if (random.nextInt(100) < 20) {
                claims(d::claiming);
            }
            append(d, recordedAt);
            amendable.add(eventId);
            amendableIsPosition.add(position);
        }

        private void correct() {
            int target = random.nextInt(amendable.size());
            DevelopmentCorrected correction = developmentCorrected(negotiationId, "cor-" + corrections++,
                    amendable.get(target)).because("a later report");
            int what = random.nextInt(amendableIsPosition.get(target) ? 4 : 3);
            switch (what) {
                case 0 -> correction.movingTo(randomOccurred());
                case 1 -> correction.retitled("Corrected title " + (corrections - 1));
                case 2 -> claims(correction::claiming);
                default -> correction.holding(actor(random.nextInt(6)), STANCES[random.nextInt(STANCES.length)],
                        "question-" + random.nextInt(10));
            }
            append(correction, next());
        }

        private void retract() {
            int target = random.nextInt(amendable.size());
            append(developmentRetracted(negotiationId, "ret-" + retractions++, amendable.get(target)), next());
            int last = amendable.size() - 1;
            amendable.set(target, amendable.get(last));
            amendableIsPosition.set(target, amendableIsPosition.get(last));
            amendable.remove(last);
            amendableIsPosition.remove(last);
        }

        /** Version {@code v}: the same provision ids throughout, their text and status moving on. */
        private void version(int v) {
            Instant recordedAt = next();
            LocalDate day = LocalDate.ofInstant(recordedAt, ZoneOffset.UTC).minusDays(random.nextInt(4));
            VersionAdded version = versionAdded(negotiationId, DOCUMENT_ID, v)
                    .occurred(v % 5 == 0 ? Occurrence.inMonth(YearMonth.from(day).toString()) : Occurrence.onDay(day.toString()));
            for (int p = 1; p <= PROVISIONS; p++) {
                String id = "p" + p;
                version.provision(id, Integer.toString(p), "Provision " + p + " as drafted in version " + v
                                + ": the parties shall " + TOPICS[(p + v) % TOPICS.length] + ".",
                        PROVISION_STATUSES[random.nextInt(PROVISION_STATUSES.length)], List.of(TOPICS[p % TOPICS.length]),
                        v == 1 ? List.of() : List.of(id));
                if (v == 1) {
                    version.change(id, "ADDED");
                } else {
                    version.change(id, "AMENDED", DOCUMENT_ID + "/" + id);
                }
            }
            append(version, recordedAt);
        }

        private void status(int s) {
            Instant recordedAt = next();
            LocalDate day = LocalDate.ofInstant(recordedAt, ZoneOffset.UTC).minusDays(random.nextInt(3));
            append(provisionStatus(negotiationId, DOCUMENT_ID, "p" + (1 + random.nextInt(PROVISIONS)),
                    PROVISION_STATUSES[random.nextInt(PROVISION_STATUSES.length)]).by(actor(random.nextInt(ACTORS)))
                    .occurred(Occurrence.onDay(day.toString())), recordedAt);
        }

        private Occurrence randomOccurred() {
            LocalDate day = LocalDate.ofInstant(START, ZoneOffset.UTC).plusDays(random.nextInt(days));
            return switch (random.nextInt(4)) {
                case 0 -> Occurrence.atMinute(day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60L * random.nextInt(1440))
                        .toString().replace(":00Z", "Z"));
                case 1 -> Occurrence.onDay(day.toString());
                case 2 -> Occurrence.betweenDays(day.toString(), day.plusDays(1 + random.nextInt(4)).toString());
                default -> Occurrence.inMonth(YearMonth.from(day).toString());
            };
        }

        /** One or two claims; a quarter of them a range ("15000-30000"), the rest a count. */
        private void claims(BiConsumer<String, Object> claim) {
            for (int c = 1 + random.nextInt(2); c > 0; c--) {
                String subject = "subject-" + random.nextInt(40) + ".count";
                if (random.nextInt(4) == 0) {
                    int low = random.nextInt(50) * 1000;
                    claim.accept(subject, low + "-" + (low + 1000 * (1 + random.nextInt(20))));
                } else {
                    claim.accept(subject, random.nextInt(100_000));
                }
            }
        }

        private static String day(Instant recordedAt) {
            return recordedAt.toString().substring(0, 10);
        }

        private static String actor(int a) {
            return "actor-" + a;
        }
    }
}
