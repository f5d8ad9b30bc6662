package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentCorrected;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRetracted;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.Occurrence;

/**
 * Property: for random histories — developments of random precision, claims, positions, with
 * corrections and retractions, recorded in an order unrelated to when things happened — the
 * projection's answer for random {@code (at, knownAt)} equals a plain fold of the raw events in
 * memory. Seeded: a failure names its seed, and {@code -Dstate.seed=N} replays one history.
 */
class StatePropertyTest extends ProjectionServiceTestBase {

    private static final int HISTORIES = Integer.getInteger("state.histories", 12);
    private static final int QUERIES_PER_HISTORY = 12;
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-01");
    private static final Instant RECORDING_START = Instant.parse("2026-01-01T00:00:00Z");

    /** What the reference keeps of a development: its forms over transaction time. */
    private static final class Dev {
        final String eventId;
        final String type;
        final Instant recordedAt;
        final List<Form> forms = new ArrayList<>();
        Instant retractedAt;
        final String claimSubject;
        final int claimValue;
        final String holder;
        final String on;

        Dev(String eventId, String type, Instant recordedAt, Occurrence occurred, String claimSubject, int claimValue,
            String holder, String on) {
            this.eventId = eventId;
            this.type = type;
            this.recordedAt = recordedAt;
            this.forms.add(new Form(recordedAt, occurred));
            this.claimSubject = claimSubject;
            this.claimValue = claimValue;
            this.holder = holder;
            this.on = on;
        }

        /** The form known at {@code knownAt}; null when not yet recorded or already retracted. */
        Occurrence knownAt(Instant knownAt) {
            if (recordedAt.isAfter(knownAt) || (retractedAt != null && !retractedAt.isAfter(knownAt))) {
                return null;
            }
            Occurrence known = null;
            for (Form form : forms) {
                if (!form.from().isAfter(knownAt)) {
                    known = form.occurred();
                }
            }
            return known;
        }
    }

    private record Form(Instant from, Occurrence occurred) {
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
        int sequence = 0;
        Instant recorded = RECORDING_START;
        topic.publish(negotiationStarted(nid).recordedAt(recorded.toString()).atSequence(sequence++));
        int steps = 8 + random.nextInt(10);
        for (int step = 0; step < steps; step++) {
            recorded = recorded.plus(Duration.ofHours(1 + random.nextInt(30)));
            int action = random.nextInt(10);
            if (action < 6 || devs.isEmpty()) {
                String eventId = nid + "-d" + step;
                Occurrence occurred = randomOccurrence(random);
                boolean position = random.nextBoolean();
                String subject = "subject-" + random.nextInt(3);
                int value = random.nextInt(100);
                String holder = "holder-" + random.nextInt(2);
                String on = "question-" + random.nextInt(2);
                var event = developmentRecorded(nid, eventId).ofType(position ? "POSITION" : "REPORT").occurred(occurred)
                        .claiming(subject, value).recordedAt(recorded.toString()).atSequence(sequence++);
                topic.publish(position ? event.holding(holder, "SUPPORTS", on) : event);
                devs.add(new Dev(eventId, position ? "POSITION" : "REPORT", recorded, occurred, subject, value,
                        position ? holder : null, position ? on : null));
            } else {
                Dev target = devs.get(random.nextInt(devs.size()));
                if (target.retractedAt != null) {
                    continue;
                }
                if (action < 9) {
                    Occurrence moved = randomOccurrence(random);
                    topic.publish(developmentCorrected(nid, nid + "-c" + step, target.eventId).movingTo(moved)
                            .recordedAt(recorded.toString()).atSequence(sequence++));
                    target.forms.add(new Form(recorded, moved));
                } else {
                    topic.publish(developmentRetracted(nid, nid + "-r" + step, target.eventId)
                            .recordedAt(recorded.toString()).atSequence(sequence++));
                    target.retractedAt = recorded;
                }
            }
        }
        Instant lastRecorded = recorded;
        eventually(() -> assertThat(api.get("/api/negotiations/" + nid + "/state?limit=500").status()).isEqualTo(200));
        eventually(() -> assertThat(developmentIds(query(nid, Instant.parse("2027-01-01T00:00:00Z"), lastRecorded)))
                .as("seed %d fully projected", seed)
                .isEqualTo(expected(devs, Instant.parse("2027-01-01T00:00:00Z"), lastRecorded).happened()));

        for (int q = 0; q < QUERIES_PER_HISTORY; q++) {
            Instant at = FIRST_DAY.minusDays(3).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                    .plusSeconds(random.nextInt(40 * 24 * 3600));
            Instant knownAt = RECORDING_START.minus(Duration.ofHours(1))
                    .plusSeconds((long) (random.nextDouble() * Duration.between(RECORDING_START, lastRecorded.plusSeconds(7200)).getSeconds()));
            Expected expected = expected(devs, at, knownAt);
            JsonNode actual = query(nid, at, knownAt);
            String what = "seed " + seed + ", at " + at + ", knownAt " + knownAt;
            assertThat(developmentIds(actual)).as("developments, " + what).isEqualTo(expected.happened());
            assertThat(ids(actual.get("uncertain"))).as("uncertain, " + what).containsExactlyInAnyOrderElementsOf(expected.uncertain());
            assertThat(claims(actual)).as("claims, " + what).isEqualTo(expected.claims());
            assertThat(positions(actual)).as("positions, " + what).isEqualTo(expected.positions());
        }
    }

    // --- the reference: a fold of the raw events --------------------------------------------------

    private record Expected(List<String> happened, List<String> uncertain, Map<String, List<String>> claims,
                            Map<String, String> positions) {
    }

    private static Expected expected(List<Dev> devs, Instant at, Instant knownAt) {
        List<Map.Entry<Dev, Occurrence>> happened = new ArrayList<>();
        List<String> uncertain = new ArrayList<>();
        for (Dev dev : devs) {
            Occurrence occurred = dev.knownAt(knownAt);
            if (occurred == null || occurred.earliest().isAfter(at)) {
                continue;
            }
            if (occurred.latest().isAfter(at)) {
                uncertain.add(dev.eventId);
            } else {
                happened.add(Map.entry(dev, occurred));
            }
        }
        // Latest first, then earliest (later first), then recorded (later first), then id.
        Comparator<Map.Entry<Dev, Occurrence>> latestFirst = Comparator
                .comparing((Map.Entry<Dev, Occurrence> e) -> e.getValue().latest()).reversed()
                .thenComparing(Comparator.comparing((Map.Entry<Dev, Occurrence> e) -> e.getValue().earliest()).reversed())
                .thenComparing(Comparator.comparing((Map.Entry<Dev, Occurrence> e) -> e.getKey().recordedAt).reversed())
                .thenComparing(e -> e.getKey().eventId);
        happened.sort(latestFirst);
        Map<String, List<String>> claims = new TreeMap<>();
        Map<String, String> positions = new TreeMap<>();
        for (int i = happened.size() - 1; i >= 0; i--) { // oldest first
            Dev dev = happened.get(i).getKey();
            claims.computeIfAbsent(dev.claimSubject, s -> new ArrayList<>()).add(dev.eventId + "=" + dev.claimValue);
            if (dev.holder != null) {
                positions.put(dev.holder + "|" + dev.on, dev.eventId);
            }
        }
        return new Expected(happened.stream().map(e -> e.getKey().eventId).toList(), uncertain, claims, positions);
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

    // --- reading the projection's answer ----------------------------------------------------------

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
