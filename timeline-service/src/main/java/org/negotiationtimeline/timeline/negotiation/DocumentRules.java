package org.negotiationtimeline.timeline.negotiation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** What a document version must satisfy; each violation names the request field. */
final class DocumentRules {

    private DocumentRules() {
    }

    static void check(AddVersion v, Function<String, Provision> lastFormOf) {
        if (v.provisions().isEmpty() && v.textAvailable() != TextAvailability.REPORTED_ONLY) {
            throw new InvalidDevelopmentException("provisions",
                    "a version lists at least one provision, unless its text is REPORTED_ONLY");
        }
        Set<String> ids = new HashSet<>();
        List<Provision> provisions = v.provisions();
        for (int i = 0; i < provisions.size(); i++) {
            Provision p = provisions.get(i);
            Basis.check(p.basis(), p.note(), "provisions[" + i + "].");
            if (p.sources() != null) {
                for (int j = 0; j < p.sources().size(); j++) {
                    if (!v.sources().contains(p.sources().get(j))) {
                        // A provision narrows its version's sources; it cannot bring a source of its own.
                        throw new InvalidDevelopmentException("provisions[" + i + "].sources[" + j + "]",
                                "is not one of the version's sources");
                    }
                }
            }
            if (!ids.add(p.id())) {
                throw new InvalidDevelopmentException("provisions[" + i + "].id", "'" + p.id() + "' appears twice in this version");
            }
            Set<String> refs = new HashSet<>();
            for (int j = 0; j < p.derivedFrom().size(); j++) {
                String ref = p.derivedFrom().get(j);
                String qualified = ProvisionChanges.qualify(v.documentId(), ref);
                if (!refs.add(qualified)) {
                    // "pid" and "thisDoc/pid" are one provision: a lineage names each predecessor once.
                    throw new InvalidDevelopmentException("provisions[" + i + "].derivedFrom[" + j + "]",
                            "'" + ref + "' names a provision already named in this derivedFrom");
                }
                if (lastFormOf.apply(qualified) == null) {
                    throw new InvalidDevelopmentException("provisions[" + i + "].derivedFrom[" + j + "]",
                            "'" + ref + "' is not a provision of an earlier version of a document of this negotiation");
                }
            }
        }
    }
}
