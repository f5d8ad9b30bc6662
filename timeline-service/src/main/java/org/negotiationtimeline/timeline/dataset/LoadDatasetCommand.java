package org.negotiationtimeline.timeline.dataset;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar timeline-service.jar load-dataset [--url=URL] [--token-file=F] [--read-url=URL] [DATASET]}:
 * loads a dataset into any running timeline-service over HTTP; with {@code --read-url} (a
 * projection-service), it returns only once the views there show all of it, read with the
 * positions the writes answered (docs/api.md, Read your writes). DATASET is a file, or the bundled
 * {@code ukraine-peace-2025} by default; the token comes from {@code --token-file}, else
 * {@code TIMELINE_WRITE_TOKEN}, else {@code ./data/write-token}. There is no option that takes the
 * token itself: a command line is visible to every user of the machine ({@code ps}).
 */
public final class LoadDatasetCommand {

    private static final String BUNDLED = "datasets/ukraine-peace-2025.jsonl";
    /** How long --read-url waits for the views: a first start may rebuild them from the topic. */
    private static final java.time.Duration VIEWS_PATIENCE = java.time.Duration.ofMinutes(2);

    private LoadDatasetCommand() {
    }

    public static int run(String[] args) throws Exception {
        String url = "http://127.0.0.1:8080";
        String token = System.getenv("TIMELINE_WRITE_TOKEN");
        Path tokenFile = Path.of("data", "write-token");
        String dataset = null;
        String readUrl = null;
        for (String arg : args) {
            if (arg.startsWith("--url=")) {
                url = arg.substring(6);
            } else if (arg.startsWith("--token=")) {
                System.err.println("--token is not accepted (a command line is visible to other users): "
                        + "use --token-file=F or TIMELINE_WRITE_TOKEN");
                return 2;
            } else if (arg.startsWith("--read-url=")) {
                readUrl = arg.substring(11);
            } else if (arg.startsWith("--token-file=")) {
                tokenFile = Path.of(arg.substring(13));
                token = null;
            } else if (arg.startsWith("--")) {
                System.err.println("unknown option " + arg);
                return 2;
            } else {
                dataset = arg;
            }
        }
        if (token == null || token.isBlank()) {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        }
        try (InputStream in = dataset == null
                ? LoadDatasetCommand.class.getClassLoader().getResourceAsStream(BUNDLED)
                : Files.newInputStream(Path.of(dataset))) {
            if (in == null) {
                System.err.println("no bundled dataset " + BUNDLED);
                return 1;
            }
            String name = dataset == null ? BUNDLED : dataset;
            DatasetUpload upload = new DatasetUpload(URI.create(url), token);
            DatasetUpload.Result result = upload.upload(name, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            System.out.printf("%s -> %s: %d lines stored, %d already present%n", name, url, result.stored(), result.alreadyPresent());
            if (readUrl != null) {
                upload.awaitViews(URI.create(readUrl), result.positions(), VIEWS_PATIENCE);
                System.out.printf("the views at %s show it (%s)%n", readUrl, String.join(", ", result.positions()));
            }
            return 0;
        } catch (DatasetUpload.DatasetException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
