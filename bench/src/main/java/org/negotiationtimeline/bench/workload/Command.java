package org.negotiationtimeline.bench.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One write to timeline-service's public API: a POST of {@code body} to {@code path}.
 *
 * @param eventId the development it records or amends, or null for other writes
 */
public record Command(String path, ObjectNode body, String eventId) {
}
