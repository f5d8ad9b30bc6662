package org.negotiationtimeline.bench.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.negotiationtimeline.projection.consuming.TimelineEventsTopic;
import org.negotiationtimeline.projection.consuming.TimelineMessage;

/**
 * One negotiation's history, generated from a seed, in the published form (Kafka records, see
 * {@link PublishedEvents}): the same seed and size give the same bytes.
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
        TimelineEventsTopic topic = new TimelineEventsTopic(PublishedEvents.TOPIC);
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
        private final PublishedEvents events;
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
            this.events = new PublishedEvents(negotiationId, seed ^ 0x5DEECE66DL);
            this.days = Math.max(30, (developments + DEVELOPMENTS_PER_DAY - 1) / DEVELOPMENTS_PER_DAY);
            long expectedEvents = developments + developments / 66 + 2 + ACTORS + DOCUMENT_VERSIONS + STATUS_CHANGES;
            this.meanStepMillis = Math.max(2, Duration.ofDays(days).toMillis() / expectedEvents);
        }

        NegotiationHistory run() {
            events.negotiationStarted(next(), "Benchmark negotiation " + developments);
            for (int a = 0; a < ACTORS; a++) {
                events.actorRegistered(next(), actor(a), "Actor " + a, a % 4 == 3 ? "ORGANISATION" : "PERSON");
            }
            events.documentCreated(next(), DOCUMENT_ID, "A framework plan", "PLAN");
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
            return new NegotiationHistory(seed, developments, negotiationId, events.records(), corrections, retractions,
                    START, START.plus(Duration.ofDays(days)));
        }

        private Instant next() {
            clock = clock.plusMillis(1 + random.nextLong(2 * meanStepMillis));
            return clock;
        }

        private void develop(int i) {
            String eventId = "dev-" + i;
            boolean position = random.nextInt(100) < 15;
            String type = position ? "POSITION" : TYPES[random.nextInt(TYPES.length)];
            ObjectNode d = PublishedEvents.object().put("eventId", eventId).put("type", type);
            randomOccurred().writeTo(d.putObject("occurred"));
            d.put("title", type.charAt(0) + type.substring(1).toLowerCase() + " number " + i + " in the talks");
            if (random.nextInt(3) == 0) {
                d.put("summary", "A summary of development " + i + " as the sources put it, with enough words to "
                        + "make the stored body about the size of a real one in the dataset.");
            }
            ArrayNode actors = d.putArray("actors");
            int actorCount = 1 + random.nextInt(3);
            for (int a = 0; a < actorCount; a++) {
                actors.addObject().put("id", actor(random.nextInt(ACTORS))).put("role", ROLES[random.nextInt(ROLES.length)]);
            }
            ArrayNode topics = d.putArray("topics");
            for (int t = random.nextInt(3); t > 0; t--) {
                topics.add(TOPICS[random.nextInt(TOPICS.length)]);
            }
            if ("STATEMENT".equals(type)) {
                d.putObject("quote").put("text", "We are ready to talk, statement " + i).put("verbatim", random.nextBoolean());
            }
            if (position) {
                d.set("position", position());
            }
            Instant recordedAt = next();
            ArrayNode sources = PublishedEvents.sources(OUTLETS[random.nextInt(OUTLETS.length)], recordedAt);
            if (random.nextInt(4) == 0) {
                sources.addObject().put("outlet", OUTLETS[random.nextInt(OUTLETS.length)]).put("via", "Reuters");
            }
            d.set("sources", sources);
            d.set("claims", random.nextInt(100) < 20 ? claims() : PublishedEvents.array());
            events.developmentRecorded(recordedAt, d);
            amendable.add(eventId);
            amendableIsPosition.add(position);
        }

        private void correct() {
            int target = random.nextInt(amendable.size());
            ObjectNode set = PublishedEvents.object();
            int what = random.nextInt(amendableIsPosition.get(target) ? 4 : 3);
            switch (what) {
                case 0 -> randomOccurred().writeTo(set.putObject("occurred"));
                case 1 -> set.put("title", "Corrected title " + corrections);
                case 2 -> set.set("claims", claims());
                default -> set.set("position", position());
            }
            events.developmentCorrected(next(), "cor-" + corrections++, amendable.get(target), set, "a later report");
        }

        private void retract() {
            int target = random.nextInt(amendable.size());
            events.developmentRetracted(next(), "ret-" + retractions++, amendable.get(target), "it did not happen");
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
            Occurred occurred = v % 5 == 0 ? Occurred.inMonth(YearMonth.from(day)) : Occurred.onDay(day);
            ArrayNode provisions = PublishedEvents.array();
            ArrayNode changes = PublishedEvents.array();
            for (int p = 1; p <= PROVISIONS; p++) {
                String id = "p" + p;
                ObjectNode provision = provisions.addObject().put("id", id).put("number", Integer.toString(p))
                        .put("text", "Provision " + p + " as drafted in version " + v + ": the parties shall "
                                + TOPICS[(p + v) % TOPICS.length] + ".");
                provision.putArray("topics").add(TOPICS[p % TOPICS.length]);
                provision.put("status", PROVISION_STATUSES[random.nextInt(PROVISION_STATUSES.length)]);
                ArrayNode derivedFrom = provision.putArray("derivedFrom");
                ObjectNode change = changes.addObject().put("provision", id);
                if (v == 1) {
                    change.put("change", "ADDED").putArray("from");
                } else {
                    derivedFrom.add(id);
                    change.put("change", "AMENDED").putArray("from").add(DOCUMENT_ID + "/" + id);
                }
            }
            events.versionAdded(recordedAt, DOCUMENT_ID, v, occurred, "DRAFT", provisions, changes);
        }

        private void status(int s) {
            Instant recordedAt = next();
            LocalDate day = LocalDate.ofInstant(recordedAt, ZoneOffset.UTC).minusDays(random.nextInt(3));
            events.provisionStatusChanged(recordedAt, DOCUMENT_ID, "p" + (1 + random.nextInt(PROVISIONS)),
                    PROVISION_STATUSES[random.nextInt(PROVISION_STATUSES.length)], actor(random.nextInt(ACTORS)),
                    Occurred.onDay(day));
        }

        private Occurred randomOccurred() {
            LocalDate day = LocalDate.ofInstant(START, ZoneOffset.UTC).plusDays(random.nextInt(days));
            return switch (random.nextInt(4)) {
                case 0 -> Occurred.atMinute(day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60L * random.nextInt(1440)));
                case 1 -> Occurred.onDay(day);
                case 2 -> Occurred.betweenDays(day, day.plusDays(1 + random.nextInt(4)));
                default -> Occurred.inMonth(YearMonth.from(day));
            };
        }

        private ObjectNode position() {
            return PublishedEvents.object().put("holder", actor(random.nextInt(6)))
                    .put("stance", STANCES[random.nextInt(STANCES.length)]).put("on", "question-" + random.nextInt(10));
        }

        private ArrayNode claims() {
            ArrayNode claims = PublishedEvents.array();
            for (int c = 1 + random.nextInt(2); c > 0; c--) {
                ObjectNode claim = claims.addObject().put("subject", "subject-" + random.nextInt(40) + ".count");
                if (random.nextInt(4) == 0) {
                    int low = random.nextInt(50) * 1000;
                    claim.put("value", low + "-" + (low + 1000 * (1 + random.nextInt(20))));
                } else {
                    claim.put("value", random.nextInt(100_000));
                }
            }
            return claims;
        }

        private static String actor(int a) {
            return "actor-" + a;
        }
    }
}
