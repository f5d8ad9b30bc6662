package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentCorrected;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRetracted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.consuming.TimelineEventsTopic;
import org.negotiationtimeline.projection.state.StateIndexes;
import org.springframework.beans.factory.annotation.Autowired;
import org.negotiationtimeline.projection.fixture.Occurrence;
import org.negotiationtimeline.projection.fixture.StateFold;
import org.negotiationtimeline.projection.fixture.TimelineEvents;
import org.negotiationtimeline.projection.fixture.TimelineEvents.DevelopmentCorrected;

/**
 * Property: for random histories — developments of random precision, claims, positions, with
 * corrections (of the time, the claims, the position or the type) and retractions, recorded in an
 * order unrelated to when things happened — the projection's answer for random {@code (at, knownAt)}
 * equals a plain fold of the raw events in memory (the reference, {@link StateFold}), and so does
 * a random page of it. Seeded: a failure names its seed, and {@code -Dstate.seed=N} replays one
 * history.
 *
 * <p>The answers come from the in-memory index ({@code StateIndexes}): kept current batch by batch
 * while the history is consumed (the negotiation is asked for before its first development), with
 * {@code knownAt} anywhere from before the first recording to after the last, and reports recorded
 * long after what they date (late arrivals); then, for the same questions, loaded anew from the
 * views (cold), which must answer alike.
 */
class StatePropertyTest extends ProjectionServiceTestBase {

    private static final int HISTORIES = Integer.getInteger("state.histories", 12);
    private static final int QUERIES_PER_HISTORY = 12;
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-01");
    private static final Instant RECORDING_START = Instant.parse("2026-01-01T00:00:00Z");

    private static final TimelineEventsTopic READER = new TimelineEventsTopic(TOPIC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private StateIndexes stateIndexes;

    /** What the generator needs to know of a development to amend it. */
    private static final class Dev {
        final String eventId;
        String type;
        boolean retracted;

        Dev(String eventId, String type) {
            this.eventId = eventId;
            this.type = type;
        }
    }

    @Test
    void the_projection_answers_as_a_fold_of_the_raw_events() {
        Long only = Long.getLong("state.seed");
        for (long seed = only != null ? only : 1; seed <= (only != null ? only : HISTORIES); seed++) {
            checkHistory(seed);
        }
    }

    private void checkHistory(long seed) {
        Random random = new Random(seed);
        String nid = "property-" + seed;
        List<Dev> devs = new ArrayList<>();
        List<TimelineEvents.Event<?>> published = new ArrayList<>();
        int sequence = 0;
        Instant recorded = RECORDING_START;
        publish(published, negotiationStarted(nid).recordedAt(recorded).atSequence(sequence++));
        // Asked once before anything happened: its index is in memory from here on, and every form
        // after this reaches it batch by batch (warm); the cold load is checked at the end.
        eventually(() -> assertThat(api.get("/api/negotiations/" + nid + "/state").status()).isEqualTo(200));
        int steps = 8 + random.nextInt(10);
        for (int step = 0; step < steps; step++) {
            recorded = recorded.plus(Duration.ofHours(1 + random.nextInt(30)));
            int action = random.nextInt(10);
            if (action < 6 || devs.isEmpty()) {
                String eventId = nid + "-d" + step;
                boolean position = random.nextBoolean();
                Dev dev = new Dev(eventId, position ? "POSITION" : "REPORT");
                var event = developmentRecorded(nid, eventId).ofType(dev.type).occurred(randomOccurrence(random))
                        .recordedAt(recorded).atSequence(sequence++);
                randomClaims(random, event::claiming);
                if (position) {
                    event.holding("holder-" + random.nextInt(2), "SUPPORTS", "question-" + random.nextInt(2));
                }
                publish(published, event);
                devs.add(dev);
            } else {
                Dev target = devs.get(random.nextInt(devs.size()));
                if (target.retracted) {
                    continue;
                }
                if (action < 9) {
                    var correction = developmentCorrected(nid, nid + "-c" + step, target.eventId)
                            .recordedAt(recorded).atSequence(sequence++);
                    correct(random, target, correction);
                    publish(published, correction);
                } else {
                    publish(published, developmentRetracted(nid, nid + "-r" + step, target.eventId)
                            .recordedAt(recorded).atSequence(sequence++));
                    target.retracted = true;
                }
            }
        }
        Instant lastRecorded = recorded;
        StateFold reference = new StateFold(nid, published.stream()
                .map(event -> READER.read(event.toConsumerRecord(TOPIC, 0, event.sequence()))).toList(), JSON);
        eventually(() -> assertThat(api.get("/api/negotiations/" + nid + "/state?limit=500").status()).isEqualTo(200));
        Instant later = Instant.parse("2027-01-01T00:00:00Z");
        eventually(() -> assertThat(developmentIds(query(nid, later, lastRecorded)))
                .as("seed %d fully projected", seed)
                .isEqualTo(developmentIds(reference.state(later, lastRecorded, 500, 0))));

        Map<String, JsonNode> warm = new LinkedHashMap<>();
        for (int q = 0; q < QUERIES_PER_HISTORY; q++) {
            Instant at = FIRST_DAY.minusDays(3).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                    .plusSeconds(random.nextInt(40 * 24 * 3600));
            Instant knownAt = RECORDING_START.minus(Duration.ofHours(1))
                    .plusSeconds((long) (random.nextDouble() * Duration.between(RECORDING_START, lastRecorded.plusSeconds(7200)).getSeconds()));
            JsonNode expected = reference.state(at, knownAt, 500, 0);
            List<String> happened = developmentIds(expected);
            JsonNode actual = query(nid, at, knownAt);
            warm.put("at=" + at + "&knownAt=" + knownAt, actual);
            String what = "seed " + seed + ", at " + at + ", knownAt " + knownAt;
            assertThat(developmentIds(actual)).as("developments, " + what).isEqualTo(happened);
            assertThat(actual.at("/page/hasMore").asBoolean(true)).as("one page holds them all, " + what).isFalse();
            assertThat(ids(actual.get("uncertain"))).as("uncertain, latest first, " + what)
                    .isEqualTo(ids(expected.get("uncertain")));
            assertThat(claims(actual)).as("claims, " + what).isEqualTo(claims(expected));
            assertThat(positions(actual)).as("positions, " + what).isEqualTo(positions(expected));

            int size = happened.size();
            int limit = 1 + random.nextInt(4);
            int offset = random.nextInt(size + 2);
            JsonNode page = api.get("/api/negotiations/" + nid + "/state?limit=" + limit + "&offset=" + offset
                    + "&at=" + at + "&knownAt=" + knownAt).ok();
            String paged = what + ", limit " + limit + ", offset " + offset;
            assertThat(developmentIds(page)).as("a page, " + paged)
                    .isEqualTo(happened.subList(Math.min(offset, size), Math.min(offset + limit, size)));
            assertThat(page.at("/page/hasMore").isBoolean()).as("hasMore is given, " + paged).isTrue();
            assertThat(page.at("/page/hasMore").asBoolean()).as("hasMore, " + paged).isEqualTo(offset + limit < size);
        }

        // Cold: the same questions of an index loaded from the views answer as the warm one did.
        long loads = stateIndexes.loads();
        stateIndexes.clear();
        warm.forEach((times, expected) -> assertThat(api.get("/api/negotiations/" + nid + "/state?limit=500&" + times).ok())
                .as("cold load, seed %d, %s", seed, times).isEqualTo(expected));
        assertThat(stateIndexes.loads()).as("loaded from the views again").isGreaterThan(loads);
    }

    /** Publishes the event, and keeps it for the reference fold. */
    private static void publish(List<TimelineEvents.Event<?>> published, TimelineEvents.Event<?> event) {
        topic.publish(event);
        published.add(event);
    }

    /** A random correction of {@code dev}: moved, and/or its claims, position block or type changed. */
    private static void correct(Random random, Dev dev, DevelopmentCorrected correction) {
        boolean moved = random.nextBoolean();
        if (moved) {
            correction.movingTo(randomOccurrence(random));
        }
        switch (moved ? random.nextInt(4) : 1 + random.nextInt(3)) {
            case 1 -> {
                correction.claimingNothing();
                randomClaims(random, correction::claiming);
            }
            case 2 -> correction.holding("holder-" + random.nextInt(2), "OPPOSES", "question-" + random.nextInt(2));
            case 3 -> {
                dev.type = "POSITION".equals(dev.type) ? "REPORT" : "POSITION";
                correction.retyped(dev.type);
            }
            default -> {
                // Moved only.
            }
        }
    }

    /** None to two claims, possibly on the same subject: their order within a development counts. */
    private static void randomClaims(Random random, BiConsumer<String, Object> claim) {
        for (int i = random.nextInt(3); i > 0; i--) {
            claim.accept("subject-" + random.nextInt(3), random.nextInt(100));
        }
    }

    private static Occurrence randomOccurrence(Random random) {
        LocalDate day = FIRST_DAY.plusDays(random.nextInt(25));
        return switch (random.nextInt(4)) {
            case 0 -> Occurrence.onDay(day.toString());
            case 1 -> Occurrence.betweenDays(day.toString(), day.plusDays(1 + random.nextInt(4)).toString());
            case 2 -> Occurrence.inMonth("2026-01");
            default -> Occurrence.atMinute(day + "T" + String.format("%02d:%02d", random.nextInt(24), random.nextInt(60)) + "Z");
        };
    }

    // --- reading an answer, the projection's or the reference's ----------------------------

    private JsonNode query(String nid, Instant at, Instant knownAt) {
        return api.get("/api/negotiations/" + nid + "/state?limit=500&at=" + at + "&knownAt=" + knownAt).ok();
    }

    private static List<String> developmentIds(JsonNode state) {
        return ids(state.get("developments"));
    }

    private static List<String> ids(JsonNode developments) {
        List<String> ids = new ArrayList<>();
        developments.forEach(d -> ids.add(d.get("eventId").asText()));
        return ids;
    }

    private static Map<String, List<String>> claims(JsonNode state) {
        Map<String, List<String>> claims = new TreeMap<>();
        state.get("claims").forEach(c -> {
            List<String> values = new ArrayList<>();
            c.get("values").forEach(v -> values.add(v.get("eventId").asText() + "=" + v.get("value").asInt()));
            claims.put(c.get("subject").asText(), values);
        });
        return claims;
    }

    private static Map<String, String> positions(JsonNode state) {
        Map<String, String> positions = new LinkedHashMap<>();
        state.get("positions").forEach(p -> positions.put(p.get("holder").asText() + "|" + p.get("on").asText(),
                p.get("eventId").asText()));
        return new TreeMap<>(positions);
    }
}
