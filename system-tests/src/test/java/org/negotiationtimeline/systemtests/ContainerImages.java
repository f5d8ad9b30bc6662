package org.negotiationtimeline.systemtests;

import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.utility.DockerImageName;

/**
 * The images the container tests run: the official images at pinned versions by default (the same
 * as docker/compose.yaml's, which {@link ComposeDeploymentContainerIT} checks), or the local
 * substitutes docker/local-images.sh builds from Debian packages and Maven Central jars, for
 * machines that reach no registry: system property {@code container.images=local}
 * ({@code mvn verify -Dcontainer.images=local}) or environment variable {@code CONTAINER_IMAGES=local}.
 */
final class ContainerImages {

    static final String KAFKA = "apache/kafka:3.9.2";
    static final String POSTGRES = "postgres:15.18-bookworm";
    static final String JRE = "eclipse-temurin:17.0.19_10-jre-noble";

    /** Official image → its local substitute (tags as docker/local-images.sh builds them). */
    private static final Map<String, String> LOCAL_SUBSTITUTES = new LinkedHashMap<>();

    static {
        LOCAL_SUBSTITUTES.put(KAFKA, "localhost/negotiation-timeline/kafka:3.9.2");
        LOCAL_SUBSTITUTES.put(POSTGRES, "localhost/negotiation-timeline/postgres:15");
        LOCAL_SUBSTITUTES.put(JRE, "localhost/negotiation-timeline/jre:17");
    }

    private ContainerImages() {
    }

    /** Whether the local substitutes were asked for. */
    static boolean local() {
        String choice = System.getProperty("container.images");
        if (choice == null || choice.isBlank()) {
            choice = System.getenv("CONTAINER_IMAGES");
        }
        if (choice == null || choice.isBlank() || choice.equals("official")) {
            return false;
        }
        if (choice.equals("local")) {
            return true;
        }
        throw new IllegalArgumentException("container.images (or CONTAINER_IMAGES) is 'official' or 'local', not '"
                + choice + "'");
    }

    /** The image to run for an official image name: itself, or its local substitute. */
    static DockerImageName image(String official) {
        DockerImageName officialName = DockerImageName.parse(official);
        if (!local()) {
            return officialName;
        }
        return DockerImageName.parse(name(official)).asCompatibleSubstituteFor(officialName.getUnversionedPart());
    }

    /** The name of {@link #image(String)}. */
    static String name(String official) {
        if (!local()) {
            return official;
        }
        String substitute = LOCAL_SUBSTITUTES.get(official);
        if (substitute == null) {
            throw new IllegalStateException("no local substitute for " + official + "; known: " + LOCAL_SUBSTITUTES.keySet()
                    + ". Add one to docker/local-images.sh and to ContainerImages.");
        }
        return substitute;
    }

    /** For log lines: which set of images is in use. */
    static String describe() {
        return local() ? "local substitutes (docker/local-images.sh)" : "official images";
    }
}
