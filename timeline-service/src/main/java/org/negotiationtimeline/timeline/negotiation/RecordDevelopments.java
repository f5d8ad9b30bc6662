package org.negotiationtimeline.timeline.negotiation;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record several developments of one negotiation at once: each decided as {@link RecordDevelopment}
 * is, and either all of them are stored or none.
 */
public record RecordDevelopments(@TargetAggregateIdentifier String negotiationId, List<RecordDevelopment> developments) {

    public RecordDevelopments {
        if (developments == null || developments.isEmpty()) {
            throw new InvalidDevelopmentException("developments", "at least one development is required");
        }
        developments = List.copyOf(developments);
        for (int i = 0; i < developments.size(); i++) {
            // One command, one aggregate: an item addressed elsewhere would be stored in the wrong stream.
            if (!developments.get(i).negotiationId().equals(negotiationId)) {
                throw new InvalidDevelopmentException("negotiationId", "belongs to another negotiation than the batch")
                        .inItem(i);
            }
        }
    }
}
