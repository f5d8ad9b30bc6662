package org.negotiationtimeline.bench.workload;

import java.time.Instant;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated, seeded negotiation history written through the public API: the same seed gives
 * the same commands, so runs compare. Shaped like the real dataset — developments of every
 * precision (minute, day, interval, month), claims from two outlets that disagree, positions,
 * one document with many versions, and a few corrections and retractions — but its texts are
 * filler: the bench measures the system, not the content.
 */
public final class Workload {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    private static final int DAYS = 730;
    private static final List<String> ACTORS = List.of("alpha", "bravo", "charlie", "delta", "echo");
    private static final List<String> TOPICS = List.of("ceasefire", "territory", "security-guarantees", "sanctions",
            "prisoners", "energy");
    private static final List<String> STANCES = List.of("SUPPORTS", "OPPOSES", "DEMANDS", "REJECTS", "PROPOSES", "ACCEPTS");
    private static final String FILLER = "Delegations met to discuss the framework; officials described the talks "
            + "as constructive and said that work on the remaining points would continue at the level of advisers.";

    private final long seed;
    private final String run;

    /**
     * @param run names this run's negotiations apart from any earlier run's, so a bench can
     *            attach to a system that already holds data
     */
    public Workload(long seed, String run) {
        this.seed = seed;
        this.run = run;
    }

    /** The id of this run's negotiation called {@code name}. */
    public String negotiation(String name) {
        return name + "-" + run;
    }

    /** The commands that create negotiation {@code nid}: the negotiation, its actors and its document. */
    public List<Command> setUp(String nid) {
        List<Command> commands = new ArrayList<>();
        ObjectNode negotiation = JSON.createObjectNode().put("id", nid).put("title", "Bench negotiation " + nid);
        commands.add(new Command("/api/negotiations", negotiation, null));
        for (String actor : ACTORS) {
            commands.add(new Command("/api/negotiations/" + nid + "/actors", JSON.createObjectNode()
                    .put("id", actor).put("name", "Actor " + actor).put("affiliation", "Party " + actor)
                    .put("kind", "PERSON"), null));
        }
        commands.add(new Command("/api/negotiations/" + nid + "/documents", JSON.createObjectNode()
                .put("id", documentId(nid)).put("title", "Framework of " + nid).put("kind", "PLAN"), null));
        return commands;
    }

    public static String documentId(String nid) {
        return nid + "-plan";
    }

    public static String eventId(String nid, int index) {
        return nid + "-d" + index;
    }

    /** Development {@code index} of {@code nid}: its type, date and precision follow from the seed. */
    public Command development(String nid, int index) {
        Random random = random(nid, index);
        ObjectNode body = JSON.createObjectNode();
        String eventId = eventId(nid, index);
        body.put("eventId", eventId);
        int kind = random.nextInt(10);
        String type = kind < 4 ? "MEETING" : kind < 6 ? "REPORT" : kind < 8 ? "STATEMENT" : "POSITION";
        body.put("type", type);
        body.putObject("occurred").put("value", occurred(random));
        body.put("title", type.toLowerCase() + " " + index + " in " + nid);
        body.put("summary", FILLER);
        ArrayNode actors = body.putArray("actors");
        String first = ACTORS.get(random.nextInt(ACTORS.size()));
        actors.addObject().put("id", first).put("role", type.equals("STATEMENT") ? "SPEAKER" : "PARTICIPANT");
        String second = ACTORS.get((ACTORS.indexOf(first) + 1 + random.nextInt(ACTORS.size() - 1)) % ACTORS.size());
        actors.addObject().put("id", second).put("role", "PARTICIPANT");
        body.putArray("topics").add(TOPICS.get(random.nextInt(TOPICS.size())));
        if (type.equals("STATEMENT")) {
            body.putObject("quote").put("text", "We are ready to continue the talks.").put("verbatim", false);
        }
        if (type.equals("POSITION")) {
            body.putObject("position").put("holder", first).put("stance", STANCES.get(random.nextInt(STANCES.size())))
                    .put("on", TOPICS.get(random.nextInt(TOPICS.size())));
        }
        ArrayNode sources = body.putArray("sources");
        sources.addObject().put("outlet", "Bench Wire").put("url", "https://example.org/" + eventId);
        if (random.nextInt(10) == 0) {
            // Two outlets reporting different figures: kept side by side as claims.
            String subject = TOPICS.get(random.nextInt(TOPICS.size())) + ".force-size";
            sources.addObject().put("outlet", "Bench Daily");
            body.putArray("claims").addObject().put("subject", subject).put("value", 1000 * (1 + random.nextInt(30)));
        }
        return new Command("/api/negotiations/" + nid + "/events", body, eventId);
    }

    /** A correction of development {@code index}: it moves the date (a late, better report). */
    public Command correction(String nid, int index) {
        Random random = random(nid, -index - 1);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("set").putObject("occurred").put("value", occurred(random));
        body.put("reason", "a later report gives another date");
        body.putArray("sources").addObject().put("outlet", "Bench Daily");
        return new Command("/api/events/" + eventId(nid, index) + "/corrections", body, eventId(nid, index));
    }

    /** A retraction of development {@code index}. */
    public Command retraction(String nid, int index) {
        ObjectNode body = JSON.createObjectNode().put("reason", "the outlet withdrew the report");
        body.putArray("sources").addObject().put("outlet", "Bench Wire");
        return new Command("/api/events/" + eventId(nid, index) + "/retraction", body, eventId(nid, index));
    }

    /**
     * Version {@code number} (1-based) of the negotiation's document: ten provisions, one of them
     * reworded in each version; the versions follow each other in valid time.
     */
    public Command version(String nid, int number, int versions) {
        ObjectNode body = JSON.createObjectNode();
        body.put("label", "draft " + number);
        LocalDate day = FIRST_DAY.plusDays((long) (number - 1) * DAYS / Math.max(1, versions));
        body.putObject("occurred").put("value", day.toString());
        body.put("status", number == versions ? "SUBJECT_TO_CHANGE" : "DRAFT");
        body.put("textAvailable", "FULL");
        body.put("expectedVersion", number - 1);
        ArrayNode provisions = body.putArray("provisions");
        for (int p = 1; p <= 10; p++) {
            int revision = (number + 10 - p) / 10; // provision p is reworded every tenth version
            provisions.addObject().put("id", "p" + p).put("number", Integer.toString(p))
                    .put("text", "Provision " + p + ", wording " + revision + ": " + FILLER)
                    .put("status", p % 3 == 0 ? "DISPUTED" : "PROPOSED");
        }
        body.putArray("sources").addObject().put("outlet", "Bench Wire");
        return new Command("/api/documents/" + documentId(nid) + "/versions", body, null);
    }

    /** A status reported for one provision of the document, on {@code day}. */
    public Command provisionStatus(String nid, int provision, int dayOffset) {
        ObjectNode body = JSON.createObjectNode().put("status", dayOffset % 2 == 0 ? "AGREED" : "OPEN").put("by", "alpha");
        body.putObject("occurred").put("value", FIRST_DAY.plusDays(dayOffset % DAYS).toString());
        body.putArray("sources").addObject().put("outlet", "Bench Wire");
        return new Command("/api/documents/" + documentId(nid) + "/provisions/p" + provision + "/status", body, null);
    }

    /** The valid-time range the generated developments fall in. */
    public static Instant firstInstant() {
        return FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static Instant lastInstant() {
        return FIRST_DAY.plusDays(DAYS + 31).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private Random random(String nid, int index) {
        return new Random(seed * 31 + nid.hashCode() * 1_000_003L + index);
    }

    /** Minute 40%, day 35%, a few days' interval 15%, month 10%. */
    private static String occurred(Random random) {
        LocalDate day = FIRST_DAY.plusDays(random.nextInt(DAYS));
        int precision = random.nextInt(100);
        if (precision < 40) {
            return day + "T" + String.format("%02d:%02dZ", random.nextInt(24), random.nextInt(60));
        }
        if (precision < 75) {
            return day.toString();
        }
        if (precision < 90) {
            return day + "/" + day.plusDays(1 + random.nextInt(4));
        }
        return day.format(DateTimeFormatter.ofPattern("yyyy-MM"));
    }
}
