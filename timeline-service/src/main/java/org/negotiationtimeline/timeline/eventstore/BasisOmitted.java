package org.negotiationtimeline.timeline.eventstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.negotiationtimeline.timeline.negotiation.Basis;
import org.negotiationtimeline.timeline.negotiation.Claim;
import org.negotiationtimeline.timeline.negotiation.DevelopmentContent;
import org.negotiationtimeline.timeline.negotiation.DevelopmentRecorded;
import org.negotiationtimeline.timeline.negotiation.Provision;
import org.negotiationtimeline.timeline.negotiation.ProvisionStatusChanged;

/**
 * The store writes absent values as nulls, but not {@code basis} and {@code note} (nor a
 * provision's own {@code sources}): they came after
 * events were first stored, and an event recorded without them must be written byte for byte as
 * before (EventBytesTest). A mix-in, since the domain knows no Jackson.
 */
final class BasisOmitted {

    /** Every stored type that carries the pair. */
    static final List<Class<?>> CARRIERS = List.of(DevelopmentRecorded.class, DevelopmentContent.class, Claim.class,
            Provision.class, ProvisionStatusChanged.class);

    private BasisOmitted() {
    }

    static JsonMapper.Builder on(JsonMapper.Builder builder) {
        CARRIERS.forEach(type -> builder.addMixIn(type, type == Provision.class ? ProvisionPair.class : Pair.class));
        return builder;
    }

    private interface Pair {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Basis basis();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        String note();
    }

    /** A provision's own sources came with the pair, and are omitted the same way. */
    private interface ProvisionPair extends Pair {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<org.negotiationtimeline.timeline.negotiation.SourceRef> sources();
    }
}
