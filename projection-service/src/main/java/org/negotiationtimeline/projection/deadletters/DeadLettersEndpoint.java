package org.negotiationtimeline.projection.deadletters;

import java.util.List;
import java.util.Map;
import org.negotiationtimeline.projection.consuming.ProjectionStore.DeadLetter;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/deadletters}: {@code GET} lists the parked records; {@code POST} replays them
 * all, {@code POST /actuator/deadletters/{partition}/{offset}} one (404 when none is parked there).
 * An endpoint of the running service rather than a command of its own: the service holds the view
 * database (H2's file lock keeps a second process out) and a replay must not apply while the
 * consumer does (docs/operations.md, Dead letters).
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    private final DeadLetters deadLetters;

    public DeadLettersEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public Map<String, List<DeadLetter>> list() {
        return Map.of("deadLetters", deadLetters.list());
    }

    @WriteOperation
    public Map<String, List<DeadLetters.Outcome>> replayAll() {
        return Map.of("replays", deadLetters.replayAll());
    }

    @WriteOperation
    public WebEndpointResponse<DeadLetters.Outcome> replay(@Selector int partition, @Selector long offset) {
        DeadLetters.Outcome outcome = deadLetters.replay(partition, offset);
        return outcome == null ? new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND)
                : new WebEndpointResponse<>(outcome);
    }
}
