package org.negotiationtimeline.timeline.negotiation;

import java.util.List;

/**
 * One provision of a document version.
 *
 * @param id          stable across versions, whatever its number
 * @param number      as numbered in this version ("12", "5a"); null when the sources give none
 * @param text        null when the text is not known
 * @param derivedFrom provisions of earlier versions it comes from: {@code pid} in the same
 *                    document, {@code docId/pid} in another document of the negotiation
 */
public record Provision(String id, String number, String text, List<String> topics, ProvisionStatus status,
                        List<String> derivedFrom) {

    public Provision {
        topics = topics == null ? List.of() : List.copyOf(topics);
        derivedFrom = derivedFrom == null ? List.of() : List.copyOf(derivedFrom);
    }
}
