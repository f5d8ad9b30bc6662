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
 * @param basis       absent (REPORTED) unless INFERRED or noted, e.g. "a provision of this text" read
 *                    from an article that names only its subject ({@link Basis})
 * @param note        what an INFERRED provision infers, and from what
 * @param sources     which of its version's sources reported this provision, when not all of them
 *                    did (a draft known from several outlets' readings); null: all of them
 */
public record Provision(String id, String number, String text, List<String> topics, ProvisionStatus status,
                        List<String> derivedFrom, Basis basis, String note, List<SourceRef> sources) {

    public Provision {
        topics = topics == null ? List.of() : List.copyOf(topics);
        derivedFrom = derivedFrom == null ? List.of() : List.copyOf(derivedFrom);
        basis = Basis.normalised(basis, note);
        sources = sources == null || sources.isEmpty() ? null : List.copyOf(sources);
    }

    /** A provision as all its version's sources report it. */
    public Provision(String id, String number, String text, List<String> topics, ProvisionStatus status,
                     List<String> derivedFrom) {
        this(id, number, text, topics, status, derivedFrom, null, null, null);
    }
}
