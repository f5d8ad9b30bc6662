package org.negotiationtimeline.bench.system;

import java.util.ArrayList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest methods in a JFR recording (execution samples, top frame, and the first frame in
 * this project's own code): where a service spent its CPU while the bench ran. Enough to name a
 * bottleneck in the report; open the .jfr in JDK Mission Control for more.
 */
public final class HotMethods {

    private HotMethods() {
    }

    /** The {@code limit} most sampled top frames, and the most sampled frames of our own packages. */
    public static List<String> summarise(Path recording, int limit) throws IOException {
        if (!Files.isRegularFile(recording)) {
            return List.of("no recording at " + recording);
        }
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            top.merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream().map(HotMethods::name).filter(n -> n.startsWith("org.negotiationtimeline")).findFirst()
                    .ifPresent(n -> ours.merge(n, 1, Integer::sum));
        }
        int total = Math.max(1, samples);
        List<String> lines = new ArrayList<>();
        lines.add(samples + " execution samples in " + recording.getFileName());
        lines.add("top frames: " + ranked(top, total, limit));
        lines.add("first frame in our code: " + ranked(ours, total, limit));
        return lines;
    }

    private static String ranked(Map<String, Integer> counts, int total, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .map(e -> e.getKey() + " " + (100 * e.getValue() / total) + "%").collect(Collectors.joining("; "));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
