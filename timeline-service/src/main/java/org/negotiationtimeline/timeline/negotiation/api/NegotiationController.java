package org.negotiationtimeline.timeline.negotiation.api;

import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.negotiationtimeline.timeline.negotiation.DevelopmentAccepted;
import org.negotiationtimeline.timeline.negotiation.InvalidDevelopmentException;
import org.negotiationtimeline.timeline.negotiation.Negotiation;
import org.negotiationtimeline.timeline.negotiation.RecordDevelopment;
import org.negotiationtimeline.timeline.negotiation.RecordDevelopments;
import org.negotiationtimeline.timeline.negotiation.RegisterActor;
import org.negotiationtimeline.timeline.negotiation.Registration;
import org.negotiationtimeline.timeline.negotiation.StartNegotiation;
import org.springframework.http.HttpStatus;
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
    private final ReadService reads;

    NegotiationController(CommandGateway commands, ReadService reads) {
        this.commands = commands;
        this.reads = reads;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> start(@Valid @RequestBody StartNegotiationRequest request) {
        commands.sendAndWait(new StartNegotiation(request.id(), request.title().strip(), Bodies.text(request.description())));
        return reads.created("/api/negotiations/" + request.id(), request.id(), Negotiation.FIRST_SEQUENCE)
                .body(Map.of("id", request.id()));
    }

    /** Idempotent: the same actor again is a 201 with {@code Idempotent-Replayed: true}. */
    @PostMapping("/{nid}/actors")
    ResponseEntity<Map<String, String>> registerActor(@PathVariable("nid") String negotiationId,
                                                      @Valid @RequestBody RegisterActorRequest request) {
        requireSlug(negotiationId);
        Registration registered = commands.sendAndWait(new RegisterActor(negotiationId, request.id(), request.name().strip(),
                Bodies.text(request.affiliation()), request.kind()));
        return reads.created("/api/negotiations/" + negotiationId + "/actors", negotiationId, registered.sequence())
                .header("Idempotent-Replayed", Boolean.toString(registered.replayed()))
                .body(Map.of("id", request.id()));
    }

    @PostMapping("/{nid}/events")
    ResponseEntity<Map<String, Object>> record(@PathVariable("nid") String negotiationId,
                                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                               @Valid @RequestBody RecordDevelopmentRequest request) {
        requireSlug(negotiationId);
        String eventId = eventId(request.eventId(), idempotencyKey);
        DevelopmentAccepted accepted = commands.sendAndWait(toCommand(negotiationId, eventId, request.normalised(eventId)));
        return reads.created("/api/events/" + accepted.eventId(), negotiationId, accepted.sequence())
                .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
                .body(Map.of("eventId", accepted.eventId(), "sequence", accepted.sequence()));
    }

    /** One answer per item, in the body's order. */
    record BatchAccepted(List<Item> events) {
        record Item(String eventId, long sequence, boolean replayed) {
        }
    }

    /**
     * Many developments of one negotiation in one command and one transaction: all stored, or none.
     * Each item follows the single endpoint's rules, except that there is no Idempotency-Key: an
     * item without eventId gets a generated one (so only items with ids can be retried safely).
     */
    @PostMapping("/{nid}/events/batch")
    ResponseEntity<BatchAccepted> recordBatch(@PathVariable("nid") String negotiationId,
                                              @Valid @RequestBody RecordDevelopmentsRequest request) {
        requireSlug(negotiationId);
        // BatchCountCheck has counted the items before they were bound.
        List<RecordDevelopment> developments = new ArrayList<>(request.events().size());
        for (int i = 0; i < request.events().size(); i++) {
            RecordDevelopmentRequest item = request.events().get(i);
            String eventId = eventId(item.eventId(), null);
            try {
                developments.add(toCommand(negotiationId, eventId, item.normalised(eventId)));
            } catch (InvalidDevelopmentException e) {
                throw namedInBody(e.inItem(i));
            }
        }
        List<DevelopmentAccepted> accepted;
        try {
            accepted = commands.sendAndWait(new RecordDevelopments(negotiationId, developments));
        } catch (InvalidDevelopmentException | CommandExecutionException e) {
            throw namedInBody(e);
        }
        // The highest position of the batch: once it is applied, every item is.
        long last = accepted.stream().mapToLong(DevelopmentAccepted::sequence).max().orElse(Negotiation.FIRST_SEQUENCE);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(ReadService.POSITION_HEADER, ReadService.position(negotiationId, last))
                .body(new BatchAccepted(accepted.stream()
                .map(a -> new BatchAccepted.Item(a.eventId(), a.sequence(), a.replayed())).toList()));
    }

    /** The domain names an item's field and its position; the body calls that {@code events[i].field}. */
    private static RuntimeException namedInBody(RuntimeException e) {
        Throwable cause = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof InvalidDevelopmentException invalid && invalid.item().isPresent()) {
            return new InvalidDevelopmentException("events[" + invalid.item().getAsInt() + "]." + invalid.field(),
                    invalid.getMessage());
        }
        return e;
    }

    private static RecordDevelopment toCommand(String negotiationId, String eventId, RecordDevelopmentRequest r) {
        return new RecordDevelopment(negotiationId, eventId, Bodies.content(r), Bodies.sources(r.sources()),
                ContentFingerprint.of(r.normalised(null)));
    }

    /** The body's id wins; an Idempotency-Key stands in for it; otherwise the server picks one. */
    static String eventId(String fromBody, String idempotencyKey) {
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

    private static void requireSlug(String negotiationId) {
        if (!negotiationId.matches(Slugs.PATTERN)) {
            throw new UnknownNegotiationException(negotiationId);
        }
    }

}
