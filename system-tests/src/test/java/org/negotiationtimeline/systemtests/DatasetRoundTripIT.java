package org.negotiationtimeline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JSON Lines export is a dataset: a negotiation with corrections, retractions, documents,
 * versions, provision statuses and claims, exported from one deployment and loaded with
 * {@code load-dataset} (the packaged jar's command) into an empty one, gives the same views —
 * timeline, history of every development, state at several dates, documents, provisions and
 * redlines — apart from the times of recording, which are the new deployment's. Loading the
 * export again, into either deployment, stores nothing.
 */
class DatasetRoundTripIT {

    private static final String NID = "ukraine-peace-2025";
    private static final String EXPORT = "/api/negotiations/" + NID + "/export/jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** When something was recorded: the loading deployment's own clock, not part of the comparison. */
    private static final Set<String> RECORDING_TIMES = Set.of("recordedAt", "startedAt", "lastRecordedAt", "knownAt");

    @Test
    void an_export_loaded_into_an_empty_deployment_gives_the_same_views_and_loads_again_as_duplicates() throws Exception {
        Path exportFile;
        Map<String, JsonNode> sourceViews;
        String sourceExport;
        int lines;
        try (TimelineSystem source = TimelineSystem.withUkraineDataset("DatasetRoundTripIT-source")) {
            amend(source);
            sourceExport = source.get(EXPORT).expectStatus(200).body();
            lines = sourceExport.split("\n").length;
            assertThat(sourceExport).contains("\"op\":\"correction\"", "\"op\":\"retraction\"", "\"op\":\"version\"",
                    "\"op\":\"provision-status\"", "\"claims\"");
            exportFile = Files.writeString(Files.createTempFile(buildDirectory(), "ukraine-export-", ".jsonl"), sourceExport);
            sourceViews = views(source);

            assertThat(load(source, exportFile)).as("the export loaded back into its own deployment")
                    .contains(": 0 lines stored, " + lines + " already present");
        }

        try (TimelineSystem copy = TimelineSystem.start("DatasetRoundTripIT-copy", Storage.h2())) {
            assertThat(copy.negotiations()).as("an empty deployment").isEmpty();

            assertThat(load(copy, exportFile)).contains(": " + lines + " lines stored, 0 already present");
            copy.eventually().alias("the copy's export equals the source's")
                    .until(() -> copy.get(EXPORT).body(), sourceExport::equals);

            Map<String, JsonNode> copyViews = views(copy);
            assertThat(copyViews.keySet()).containsExactlyElementsOf(sourceViews.keySet());
            for (Map.Entry<String, JsonNode> view : sourceViews.entrySet()) {
                assertThat(copyViews.get(view.getKey())).as(view.getKey()).isEqualTo(view.getValue());
            }

            assertThat(load(copy, exportFile)).as("a second load")
                    .contains(": 0 lines stored, " + lines + " already present");
            assertThat(copy.get(EXPORT).body()).isEqualTo(sourceExport);
        }
    }

    /** Corrections (of a date, of a claim), a retraction, a correction then a retraction, a second draft and a status. */
    private static void amend(TimelineSystem system) {
        system.write("/api/events/2026-01-05-military-planners-gathering/corrections", """
                {"set": {"occurred": {"value": "2026-01-05T10:00", "text": "on the morning of January 5", "zone": "Europe/Paris"},
                         "title": "Military planners gather in Paris"},
                 "reason": "the time was reported later",
                 "sources": [{"outlet": "RFE/RL", "published": "2026-01-07"}]}""");
        system.write("/api/events/reassurance-force-size-001/corrections", """
                {"set": {"claims": [{"subject": "reassurance-force.troops", "value": {"min": 15000, "max": 25000}}]},
                 "reason": "a revised figure", "sources": [{"outlet": "RFE/RL", "published": "2026-01-07"}]}""");
        system.write("/api/events/rubio-unlikely-to-attend/retraction", """
                {"reason": "the report was withdrawn", "sources": [{"outlet": "RFE/RL"}]}""");
        system.write("/api/events/european-officials-same-page/corrections", """
                {"set": {"summary": "Officials said they were on the same page."}, "reason": "wording",
                 "sources": [{"outlet": "RFE/RL"}]}""");
        system.write("/api/events/european-officials-same-page/retraction", """
                {"reason": "not confirmed", "sources": [{"outlet": "RFE/RL"}]}""");

        JsonNode first = system.get("/api/documents/paris-draft-joint-statement/versions/1").expectStatus(200).json();
        ArrayNode provisions = JSON.createArrayNode();
        List<JsonNode> old = new ArrayList<>();
        first.get("provisions").forEach(old::add);
        for (int i = 0; i < old.size() - 1; i++) {
            ObjectNode p = JSON.createObjectNode();
            p.set("id", old.get(i).get("id"));
            p.put("text", old.get(i).path("text").asText("unknown") + (i == 0 ? " (revised)" : ""));
            p.set("topics", old.get(i).get("topics"));
            provisions.add(p);
        }
        provisions.addObject().put("id", "monitoring-mission").put("text", "A monitoring mission").putArray("topics").add("ceasefire");
        ObjectNode second = JSON.createObjectNode().put("label", "revised draft").put("status", "SUBJECT_TO_CHANGE")
                .put("textAvailable", "PARTIAL").put("expectedVersion", 1);
        second.putObject("occurred").put("value", "2026-01-07");
        second.set("provisions", provisions);
        second.putArray("sources").addObject().put("outlet", "RFE/RL").put("published", "2026-01-07");
        system.write("/api/documents/paris-draft-joint-statement/versions", second.toString());
        system.write("/api/documents/paris-draft-joint-statement/provisions/monitoring-mission/status", """
                {"status": "OPEN", "occurred": {"value": "2026-01-07"}, "sources": [{"outlet": "RFE/RL"}]}""");

        system.eventually().alias("the amendments and the second draft projected").until(() ->
                system.get("/api/events/european-officials-same-page").json().path("amendments").size() == 2
                        && system.get("/api/provisions/paris-draft-joint-statement/monitoring-mission/history").json()
                        .path("statusChanges").size() == 1);
    }

    /** Every view a reader asks for, by path, with the times of recording left out. */
    private static Map<String, JsonNode> views(TimelineSystem system) {
        Map<String, JsonNode> views = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(List.of("/api/negotiations/" + NID, "/api/negotiations/" + NID + "/actors",
                "/api/negotiations/" + NID + "/timeline", "/api/negotiations/" + NID + "/timeline?includeRetracted=true",
                "/api/negotiations/" + NID + "/timeline?actor=zelensky&type=STATEMENT",
                "/api/negotiations/" + NID + "/export/timelinejs?includeRetracted=true",
                "/api/compare?from=us-28-point-plan@1&to=20-point-framework@1",
                "/api/compare?from=20-point-framework@1&to=paris-draft-joint-statement@1",
                "/api/compare?from=paris-draft-joint-statement@1&to=paris-draft-joint-statement@2"));
        for (String at : List.of("2025-11-30", "2025-12-01", "2026-01-05", "2026-01-06", "2026-01-07", "2026-02-01")) {
            paths.add("/api/negotiations/" + NID + "/state?at=" + at + "&limit=500");
        }
        system.get("/api/negotiations/" + NID + "/timeline?includeRetracted=true").expectStatus(200).json()
                .forEach(item -> paths.add("/api/events/" + item.get("eventId").asText()));
        Set<String> documents = new LinkedHashSet<>();
        system.get("/api/negotiations/" + NID + "/state?at=2026-02-01").expectStatus(200).json().get("documents")
                .forEach(d -> documents.add(d.get("id").asText()));
        assertThat(documents).hasSize(3);
        for (String document : documents) {
            JsonNode versions = system.get("/api/documents/" + document + "/versions").expectStatus(200).json();
            paths.add("/api/documents/" + document + "/versions");
            Set<String> provisions = new LinkedHashSet<>();
            for (JsonNode version : versions) {
                String path = "/api/documents/" + document + "/versions/" + version.get("version").asInt();
                paths.add(path);
                system.get(path).expectStatus(200).json().get("provisions").forEach(p -> provisions.add(p.get("id").asText()));
            }
            provisions.forEach(p -> paths.add("/api/provisions/" + document + "/" + p + "/history"));
        }
        for (String path : paths) {
            views.put(path, withoutRecordingTimes(system.get(path).expectStatus(200).json()));
        }
        return views;
    }

    private static JsonNode withoutRecordingTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<String> names = object.fieldNames();
            while (names.hasNext()) {
                if (RECORDING_TIMES.contains(names.next())) {
                    names.remove();
                }
            }
            object.forEach(DatasetRoundTripIT::withoutRecordingTimes);
        } else if (node.isArray()) {
            node.forEach(DatasetRoundTripIT::withoutRecordingTimes);
        }
        return node;
    }

    /** Runs {@code java -jar timeline-service.jar load-dataset} against the system; its output. */
    private static String load(TimelineSystem system, Path dataset) throws IOException, InterruptedException {
        Path tokenFile = Files.createTempFile(buildDirectory(), "write-token-", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, system.writeToken());
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", System.getProperty("timeline.jar"), "load-dataset",
                    "--url=http://127.0.0.1:" + system.timelineService().port(), "--token-file=" + tokenFile,
                    dataset.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        } finally {
            Files.delete(tokenFile);
        }
    }

    private static Path buildDirectory() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("system-tests.build-directory", "target")));
    }
}
