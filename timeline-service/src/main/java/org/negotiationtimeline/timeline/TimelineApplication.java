package org.negotiationtimeline.timeline;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** timeline-service: takes commands over HTTP, stores events, publishes them to Kafka. */
@SpringBootApplication
public class TimelineApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("load-dataset")) {
            System.exit(org.negotiationtimeline.timeline.dataset.LoadDatasetCommand.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        // Axon's update checker calls out to the internet; this service makes no such calls.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(TimelineApplication.class, args);
    }

    /** The only source of "now" for recordedAt; tests replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
