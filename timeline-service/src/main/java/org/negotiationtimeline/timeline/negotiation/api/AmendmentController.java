package org.negotiationtimeline.timeline.negotiation.api;

import jakarta.validation.Valid;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.negotiationtimeline.timeline.eventindex.EventIndex;
import org.negotiationtimeline.timeline.negotiation.AmendmentAccepted;
import org.negotiationtimeline.timeline.negotiation.CorrectDevelopment;
import org.negotiationtimeline.timeline.negotiation.RetractDevelopment;
import org.negotiationtimeline.timeline.negotiation.UnknownEventException;
import org.negotiationtimeline.timeline.negotiation.api.AmendmentRequests.CorrectionRequest;
import org.negotiationtimeline.timeline.negotiation.api.AmendmentRequests.RetractionRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Corrections and retractions: new events that amend or withdraw a recorded development. The
 * original is never changed; views show it as first recorded, every amendment, and its current form.
 */
@RestController
@RequestMapping("/api/events/{eventId}")
class AmendmentController {

    private final CommandGateway commands;
    private final EventIndex index;
    private final ReadService reads;

    AmendmentController(CommandGateway commands, EventIndex index, ReadService reads) {
        this.commands = commands;
        this.index = index;
        this.reads = reads;
    }

    @PostMapping("/corrections")
    ResponseEntity<Map<String, Object>> correct(@PathVariable("eventId") String eventId,
                                                @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                @Valid @RequestBody CorrectionRequest request) {
        String negotiationId = negotiationOf(eventId);
        AmendmentAccepted accepted = commands.sendAndWait(new CorrectDevelopment(negotiationId,
                NegotiationController.eventId(null, idempotencyKey), eventId, Bodies.content(request.set()),
                request.reason().strip(), Bodies.sources(request.sources()),
                ContentFingerprint.of(eventId, request)));
        return answer(negotiationId, accepted);
    }

    @PostMapping("/retraction")
    ResponseEntity<Map<String, Object>> retract(@PathVariable("eventId") String eventId,
                                                @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                @Valid @RequestBody RetractionRequest request) {
        String negotiationId = negotiationOf(eventId);
        AmendmentAccepted accepted = commands.sendAndWait(new RetractDevelopment(negotiationId,
                NegotiationController.eventId(null, idempotencyKey), eventId, request.reason().strip(),
                Bodies.sources(request.sources()), ContentFingerprint.of(eventId, request)));
        return answer(negotiationId, accepted);
    }

    private String negotiationOf(String eventId) {
        return index.negotiationOf(eventId).orElseThrow(() -> new UnknownEventException(eventId));
    }

    private ResponseEntity<Map<String, Object>> answer(String negotiationId, AmendmentAccepted accepted) {
        return reads.created("/api/events/" + accepted.eventId(), negotiationId, accepted.sequence())
                .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
                .body(Map.of("eventId", accepted.id(), "amends", accepted.eventId(), "sequence", accepted.sequence()));
    }
}
