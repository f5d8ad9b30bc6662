package org.negotiationtimeline.timeline.negotiation.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.negotiationtimeline.timeline.negotiation.ActorRef;
import org.negotiationtimeline.timeline.negotiation.DevelopmentAccepted;
import org.negotiationtimeline.timeline.negotiation.InvalidDevelopmentException;
import org.negotiationtimeline.timeline.negotiation.Occurred;
import org.negotiationtimeline.timeline.negotiation.RecordDevelopment;
import org.negotiationtimeline.timeline.negotiation.SourceRef;
import org.negotiationtimeline.timeline.negotiation.StartNegotiation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Commands on negotiations. Reads are served by projection-service. */
@RestController
@RequestMapping("/api/negotiations")
class NegotiationController {

    private final CommandGateway commands;

    NegotiationController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> start(@Valid @RequestBody StartNegotiationRequest request) {
        commands.sendAndWait(new StartNegotiation(request.id(), request.title().strip(),
                request.description() == null || request.description().isBlank() ? null : request.description().strip()));
        return ResponseEntity.created(URI.create("/api/negotiations/" + request.id()))
                .body(Map.of("id", request.id()));
    }

    @PostMapping("/{nid}/events")
    ResponseEntity<Map<String, Object>> record(@PathVariable("nid") String negotiationId,
                                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                               @Valid @RequestBody RecordDevelopmentRequest request) {
        if (!negotiationId.matches(Slugs.PATTERN)) {
            throw new UnknownNegotiationException(negotiationId);
        }
        String eventId = eventId(request.eventId(), idempotencyKey);
        Occurred occurred = Occurred.parse(request.occurred().value(), request.occurred().text(), request.occurred().zone());
        DevelopmentAccepted accepted = commands.sendAndWait(new RecordDevelopment(
                negotiationId, eventId, request.type(), occurred, request.title().strip(),
                request.summary() == null || request.summary().isBlank() ? null : request.summary().strip(),
                nullToEmpty(request.actors()).stream().map(a -> new ActorRef(a.id(), a.role())).toList(),
                nullToEmpty(request.topics()),
                request.sources().stream()
                        .map(s -> new SourceRef(s.outlet().strip(), s.via(), s.published(), s.url(), s.ref()))
                        .toList(),
                ContentFingerprint.of(request)));
        return ResponseEntity.created(URI.create("/api/events/" + accepted.eventId()))
                .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
                .body(Map.of("eventId", accepted.eventId(), "sequence", accepted.sequence()));
    }

    /** The body's id wins; an Idempotency-Key stands in for it; otherwise the server picks one. */
    private static String eventId(String fromBody, String idempotencyKey) {
        if (idempotencyKey != null && !idempotencyKey.matches(Slugs.EVENT_ID_PATTERN)) {
            throw new InvalidDevelopmentException("Idempotency-Key", Slugs.EVENT_ID_MESSAGE);
        }
        if (fromBody != null && idempotencyKey != null && !fromBody.equals(idempotencyKey)) {
            throw new InvalidDevelopmentException("eventId", "differs from the Idempotency-Key header");
        }
        if (fromBody != null) {
            return fromBody;
        }
        return idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
