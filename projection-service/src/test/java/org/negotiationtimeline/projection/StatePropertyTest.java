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
import org.negotiationtimeline.projection.state.StateIndexes;
import org.springframework.beans.factory.annotation.Autowired;
import org.negotiationtimeline.projection.fixture.Occurrence;
import org.negotiationtimeline.projection.fixture.TimelineEvents.DevelopmentCorrected;

/**
 * Property: for random histories — developments of random precision, claims, positions, with
 * corrections (of the time, the claims, the position or the type) and retractions, recorded in an
 * order unrelated to when things happened — the projection's answer for random {@code (at, knownAt)}
 * equals a plain fold of the raw events in memory, and so does a random page of it. Seeded: a
 * failure names its seed, and {@code -Dstate.seed=N} replays one history.
 *
 * <p>The answers come from the in-memory index ({@code StateIndexes}): kept current batch by batch
 * while the history is consumed (the negotiation is asked for before its first development), with
 * {@code knownAt} anywhere from before the first recording to after the last, and reports recorded
 * long after what they date (late arrivals); then, for the same questions, loaded anew from the
 * views (cold), which must answer alike.
 */
class StatePropertyTest extends ProjectionServiceTestBase {

    @Autowired
    private StateIndexes stateIndexes;

    private static final int HISTORIES = Integer.getInteger("state.histories", 12);
    private static final int QUERIES_PER_HISTORY = 12;
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-01");
    private static final Instant RECORDING_START = Instant.parse("2026-01-01T00:00:00Z");

    /** What the reference keeps of a development: its forms over transaction time. */
    private static final class Dev {
        final String eventId;
        final Instant recordedAt;
        final List<Form> forms = new ArrayList<>();
        Instant retractedAt;

        Dev(String eventId, Form first) {
            this.eventId = eventId;
            this.recordedAt = first.from();
            this.forms.add(first);
        }

        Form current() {
            return forms.get(forms.size() - 1);
        }

        /** The form known at {@code knownAt}; null when not yet recorded or already retracted. */
        Form knownAt(Instant knownAt) {
            if (recordedAt.isAfter(knownAt) || (retractedAt != null && !retractedAt.isAfter(knownAt))) {
                return null;
            }
            Form known = null;
            for (Form form : forms) {
                if (!form.from().isAfter(knownAt)) {
                    known = form;
                }
            }
            return known;
        }
    }

    /** One form: when it became known, and what a correction may change. holder is null without a position block. */
    private record Form(Instant from, Occurrence occurred, String type, List<Claim> claims, String holder, String on) {
        Form correctedAt(Instant at) {
            return new Form(at, occurred, type, claims, holder, on);
        }
    }

    private record Claim(String subject, int value) {
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
                Form form = new Form(recorded, randomOccurrence(random), position ? "POSITION" : "REPORT",
                        randomClaims(random), position ? "holder-" + random.nextInt(2) : null,
                        position ? "question-" + random.nextInt(2) : null);
                var event = developmentRecorded(nid, eventId).ofType(form.type()).occurred(form.occurred())
                        .recordedAt(recorded.toString()).atSequence(sequence++);
                form.claims().forEach(claim -> event.claiming(claim.subject(), claim.value()));
                topic.publish(position ? event.holding(form.holder(), "SUPPORTS", form.on()) : event);
                devs.add(new Dev(eventId, form));
            } else {
                Dev target = devs.get(random.nextInt(devs.size()));
                if (target.retractedAt != null) {
                    continue;
                }
                if (action < 9) {
                    var correction = developmentCorrected(nid, nid + "-c" + step, target.eventId)
                            .recordedAt(recorded.toString()).atSequence(sequence++);
                    Form form = correct(random, target.current().correctedAt(recorded), correction);
                    topic.publish(correction);
                    target.forms.add(form);
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

        Map<String, JsonNode> warm = new LinkedHashMap<>();
        for (int q = 0; q < QUERIES_PER_HISTORY; q++) {
            Instant at = FIRST_DAY.minusDays(3).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                    .plusSeconds(random.nextInt(40 * 24 * 3600));
            Instant knownAt = RECORDING_START.minus(Duration.ofHours(1))
                    .plusSeconds((long) (random.nextDouble() * Duration.between(RECORDING_START, lastRecorded.plusSeconds(7200)).getSeconds()));
            Expected expected = expected(devs, at, knownAt);
            JsonNode actual = query(nid, at, knownAt);
            warm.put("at=" + at + "&knownAt=" + knownAt, actual);
            String what = "seed " + seed + ", at " + at + ", knownAt " + knownAt;
            assertThat(developmentIds(actual)).as("developments, " + what).isEqualTo(expected.happened());
            assertThat(actual.at("/page/hasMore").asBoolean(true)).as("one page holds them all, " + what).isFalse();
            assertThat(ids(actual.get("uncertain"))).as("uncertain, latest first, " + what).isEqualTo(expected.uncertain());
            assertThat(claims(actual)).as("claims, " + what).isEqualTo(expected.claims());
            assertThat(positions(actual)).as("positions, " + what).isEqualTo(expected.positions());

            int size = expected.happened().size();
            int limit = 1 + random.nextInt(4);
            int offset = random.nextInt(size + 2);
            JsonNode page = api.get("/api/negotiations/" + nid + "/state?limit=" + limit + "&offset=" + offset
                    + "&at=" + at + "&knownAt=" + knownAt).ok();
            String paged = what + ", limit " + limit + ", offset " + offset;
            assertThat(developmentIds(page)).as("a page, " + paged)
                    .isEqualTo(expected.happened().subList(Math.min(offset, size), Math.min(offset + limit, size)));
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

    /** A random correction of {@code form}: moved, and/or its claims, position block or type changed. */
    private static Form correct(Random random, Form form, DevelopmentCorrected correction) {
        boolean moved = random.nextBoolean();
        Occurrence occurred = form.occurred();
        if (moved) {
            occurred = randomOccurrence(random);
            correction.movingTo(occurred);
        }
        List<Claim> claims = form.claims();
        String type = form.type();
        String holder = form.holder();
        String on = form.on();
        switch (moved ? random.nextInt(4) : 1 + random.nextInt(3)) {
            case 1 -> {
                claims = randomClaims(random);
                correction.claimingNothing();
                claims.forEach(claim -> correction.claiming(claim.subject(), claim.value()));
            }
            case 2 -> {
                holder = "holder-" + random.nextInt(2);
                on = "question-" + random.nextInt(2);
                correction.holding(holder, "OPPOSES", on);
            }
            case 3 -> {
                type = "POSITION".equals(type) ? "REPORT" : "POSITION";
                correction.retyped(type);
            }
            default -> {
                // Moved only.
            }
        }
        return new Form(form.from(), occurred, type, claims, holder, on);
    }

    /** None to two claims, possibly on the same subject: their order within a development counts. */
    private static List<Claim> randomClaims(Random random) {
        List<Claim> claims = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            claims.add(new Claim("subject-" + random.nextInt(3), random.nextInt(100)));
        }
        return claims;
    }

    // --- the reference: a fold of the raw events --------------------------------------------------

    private record Expected(List<String> happened, List<String> uncertain, Map<String, List<String>> claims,
                            Map<String, String> positions) {
    }

    private static Expected expected(List<Dev> devs, Instant at, Instant knownAt) {
        List<Map.Entry<Dev, Form>> happened = new ArrayList<>();
        List<Map.Entry<Dev, Form>> uncertain = new ArrayList<>();
        for (Dev dev : devs) {
            Form form = dev.knownAt(knownAt);
            if (form == null || form.occurred().earliest().isAfter(at)) {
                continue;
            }
            (form.occurred().latest().isAfter(at) ? uncertain : happened).add(Map.entry(dev, form));
        }
        // Latest first, then earliest (later first), then recorded (later first), then id.
        Comparator<Map.Entry<Dev, Form>> latestFirst = Comparator
                .comparing((Map.Entry<Dev, Form> e) -> e.getValue().occurred().latest()).reversed()
                .thenComparing(Comparator.comparing((Map.Entry<Dev, Form> e) -> e.getValue().occurred().earliest()).reversed())
                .thenComparing(Comparator.comparing((Map.Entry<Dev, Form> e) -> e.getKey().recordedAt).reversed())
                .thenComparing(e -> e.getKey().eventId);
        happened.sort(latestFirst);
        uncertain.sort(latestFirst);
        Map<String, List<String>> claims = new TreeMap<>();
        Map<String, String> positions = new TreeMap<>();
        for (int i = happened.size() - 1; i >= 0; i--) { // oldest first
            Dev dev = happened.get(i).getKey();
            Form form = happened.get(i).getValue();
            form.claims().forEach(claim -> claims.computeIfAbsent(claim.subject(), s -> new ArrayList<>())
                    .add(dev.eventId + "=" + claim.value()));
            if ("POSITION".equals(form.type()) && form.holder() != null) {
                positions.put(form.holder() + "|" + form.on(), dev.eventId);
            }
        }
        return new Expected(happened.stream().map(e -> e.getKey().eventId).toList(),
                uncertain.stream().map(e -> e.getKey().eventId).toList(), claims, positions);
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
