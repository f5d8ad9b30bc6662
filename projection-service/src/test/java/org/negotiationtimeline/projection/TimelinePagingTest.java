package org.negotiationtimeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.documentCreated;
import static org.negotiationtimeline.projection.fixture.DocumentEvents.versionAdded;
import static org.negotiationtimeline.projection.fixture.ProjectionApi.eventIds;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.developmentRecorded;
import static org.negotiationtimeline.projection.fixture.TimelineEvents.negotiationStarted;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.fixture.Occurrence;
import org.negotiationtimeline.projection.fixture.ProjectionApi.Reply;
import org.negotiationtimeline.projection.fixture.TimelineEvents;

/**
 * The keyset-paged lists over HTTP: a page is at most {@code limit} long, the RFC 8288 next link
 * walks the whole list once — nothing twice, nothing missed — also while new developments arrive
 * between pages, and the last page has no link.
 */
class TimelinePagingTest extends ProjectionServiceTestBase {

    private static final LocalDate FIRST_DAY = LocalDate.parse("2020-01-01");

    @Test
    void the_next_links_walk_two_thousand_developments_once_while_more_arrive() {
        String nid = "paged-timeline";
        int developments = 2_000;
        List<TimelineEvents.Event<?>> history = new ArrayList<>();
        history.add(negotiationStarted(nid));
        List<String> originals = new ArrayList<>();
        for (int i = 0; i < developments; i++) {
            // Two a day, so that ties on earliest are broken by the rest of the key.
            String eventId = "dev-" + i;
            originals.add(eventId);
            history.add(developmentRecorded(nid, eventId).occurred(Occurrence.onDay(FIRST_DAY.plusDays(i / 2).toString())));
        }
        long sequence = 0;
        for (TimelineEvents.Event<?> event : history) {
            topic.publish(event.atSequence(sequence++));
        }
        eventually(() -> assertThat(api.negotiation(nid).path("developmentCount").asInt()).isEqualTo(developments));

        List<String> seen = new ArrayList<>();
        Set<String> lateArrivals = new HashSet<>();
        String next = "/api/negotiations/" + nid + "/timeline?limit=10";
        int pages = 0;
        while (next != null) {
            Reply page = api.get(next);
            List<String> ids = eventIds(page.ok());
            assertThat(ids.size()).as("page %d", pages).isBetween(1, 10);
            seen.addAll(ids);
            next = page.next();
            pages++;
            if (pages % 40 == 0) {
                // One before where the walk is (never shown: the walk is past it), one after it (shown).
                int count = api.negotiation(nid).path("developmentCount").asInt();
                String early = "early-" + pages;
                String late = "late-" + pages;
                lateArrivals.add(late);
                topic.publish(developmentRecorded(nid, early).occurred(Occurrence.onDay(FIRST_DAY.minusDays(1).toString()))
                        .atSequence(sequence++));
                topic.publish(developmentRecorded(nid, late).occurred(Occurrence.onDay(FIRST_DAY.plusDays(5_000).toString()))
                        .atSequence(sequence++));
                eventually(() -> assertThat(api.negotiation(nid).path("developmentCount").asInt()).isEqualTo(count + 2));
            }
        }

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(id -> id.startsWith("dev-")).toList()).isEqualTo(originals);
        assertThat(seen).noneMatch(id -> id.startsWith("early-"));
        assertThat(seen).containsAll(lateArrivals);
        assertThat(pages).isEqualTo(200 + (int) Math.ceil(lateArrivals.size() / 10.0));
    }

    @Test
    void filters_keep_working_across_pages_and_a_full_last_page_has_no_link() {
        String nid = "paged-filters";
        topic.publish(negotiationStarted(nid).atSequence(0));
        for (int i = 0; i < 30; i++) {
            var development = developmentRecorded(nid, "f-" + i).ofType(i % 2 == 0 ? "MEETING" : "STATEMENT")
                    .occurred(Occurrence.onDay(FIRST_DAY.plusDays(i).toString()));
            if (i % 3 == 0) {
                development.withActor("macron", "HOST").onTopics("air-defense");
            }
            topic.publish(development.atSequence(i + 1));
        }
        eventually(() -> assertThat(api.negotiation(nid).path("developmentCount").asInt()).isEqualTo(30));

        assertThat(walk("/api/negotiations/" + nid + "/timeline?actor=macron&limit=3"))
                .containsExactly("f-0", "f-3", "f-6", "f-9", "f-12", "f-15", "f-18", "f-21", "f-24", "f-27");
        assertThat(walk("/api/negotiations/" + nid + "/timeline?topic=air-defense&type=MEETING&limit=2"))
                .containsExactly("f-0", "f-6", "f-12", "f-18", "f-24");
        assertThat(walk("/api/negotiations/" + nid + "/timeline?actor=macron&topic=air-defense&from=2020-01-10&to=2020-01-20&limit=1"))
                .containsExactly("f-9", "f-12", "f-15", "f-18");
        Reply exact = api.get("/api/negotiations/" + nid + "/timeline?limit=30");
        assertThat(eventIds(exact.ok())).hasSize(30);
        assertThat(exact.link()).isNull();
    }

    @Test
    void negotiations_and_document_versions_are_paged_the_same_way() {
        String nid = "paged-documents";
        topic.publish(negotiationStarted(nid).atSequence(0));
        topic.publish(documentCreated(nid, "paged-plan").atSequence(1));
        for (int v = 1; v <= 7; v++) {
            topic.publish(versionAdded(nid, "paged-plan", v).provision("p1", "1", "Text " + v)
                    .change("p1", v == 1 ? "ADDED" : "AMENDED").atSequence(v + 1));
        }
        for (int n = 0; n < 5; n++) {
            topic.publish(negotiationStarted("paged-list-" + n).atSequence(0));
        }
        eventually(() -> assertThat(api.get("/api/documents/paged-plan/versions").ok()).hasSize(7));
        eventually(() -> assertThat(walk("/api/negotiations?limit=2")).contains("paged-list-4"));

        List<String> versions = new ArrayList<>();
        String next = "/api/documents/paged-plan/versions?limit=3";
        while (next != null) {
            Reply page = api.get(next);
            page.ok().forEach(version -> versions.add(version.path("version").asText()));
            next = page.next();
        }
        assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "7");
        List<String> negotiations = walk("/api/negotiations?limit=2");
        assertThat(negotiations).doesNotHaveDuplicates().isSorted()
                .contains(nid, "paged-list-0", "paged-list-1", "paged-list-2", "paged-list-3", "paged-list-4");
    }

    /** Every id of every page, following the next links; each page at most as long as asked. */
    private List<String> walk(String first) {
        int limit = Integer.parseInt(first.replaceAll(".*limit=(\\d+).*", "$1"));
        List<String> ids = new ArrayList<>();
        String next = first;
        while (next != null) {
            Reply page = api.get(next);
            var body = page.ok();
            assertThat(body.size()).isLessThanOrEqualTo(limit);
            body.forEach(item -> ids.add(item.has("eventId") ? item.path("eventId").asText() : item.path("id").asText()));
            next = page.next();
            assertThat(ids.size()).as("a walk that does not end").isLessThan(10_000);
        }
        return ids;
    }
}
