package org.negotiationtimeline.timeline.negotiation.api;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.negotiationtimeline.timeline.eventindex.EventIndex;
import org.negotiationtimeline.timeline.negotiation.AddVersion;
import org.negotiationtimeline.timeline.negotiation.ChangeProvisionStatus;
import org.negotiationtimeline.timeline.negotiation.CreateDocument;
import org.negotiationtimeline.timeline.negotiation.Provision;
import org.negotiationtimeline.timeline.negotiation.ProvisionStatusAccepted;
import org.negotiationtimeline.timeline.negotiation.Registration;
import org.negotiationtimeline.timeline.negotiation.TextAvailability;
import org.negotiationtimeline.timeline.negotiation.UnknownDocumentException;
import org.negotiationtimeline.timeline.negotiation.VersionAccepted;
import org.negotiationtimeline.timeline.negotiation.api.DocumentRequests.AddVersionRequest;
import org.negotiationtimeline.timeline.negotiation.api.DocumentRequests.CreateDocumentRequest;
import org.negotiationtimeline.timeline.negotiation.api.DocumentRequests.ProvisionStatusRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Negotiated texts: documents, their versions and the status of their provisions. */
@RestController
class DocumentController {

    private final CommandGateway commands;
    private final EventIndex index;
    private final ReadService reads;

    DocumentController(CommandGateway commands, EventIndex index, ReadService reads) {
        this.commands = commands;
        this.index = index;
        this.reads = reads;
    }

    /** Idempotent: the same document again is a 201 with {@code Idempotent-Replayed: true}. */
    @PostMapping("/api/negotiations/{nid}/documents")
    ResponseEntity<Map<String, String>> create(@PathVariable("nid") String negotiationId,
                                               @Valid @RequestBody CreateDocumentRequest request) {
        if (!negotiationId.matches(Slugs.PATTERN)) {
            throw new UnknownNegotiationException(negotiationId);
        }
        Registration created = commands.sendAndWait(new CreateDocument(negotiationId, request.id(), request.title().strip(),
                request.kind()));
        return reads.created("/api/documents/" + request.id() + "/versions", negotiationId, created.sequence())
                .header("Idempotent-Replayed", Boolean.toString(created.replayed()))
                .body(Map.of("id", request.id()));
    }

    @PostMapping("/api/documents/{docId}/versions")
    ResponseEntity<Map<String, Object>> addVersion(@PathVariable("docId") String documentId,
                                                   @Valid @RequestBody AddVersionRequest request) {
        String negotiationId = negotiationOf(documentId);
        List<Provision> provisions = request.provisions() == null ? List.of() : request.provisions().stream()
                .map(p -> new Provision(p.id(), Bodies.text(p.number()), Bodies.text(p.text()), p.topics(), p.status(),
                        p.derivedFrom(), p.basis(), Bodies.text(p.note()), Bodies.sources(p.sources())))
                .toList();
        VersionAccepted accepted = commands.sendAndWait(new AddVersion(negotiationId, documentId, request.label().strip(),
                Bodies.occurred(request.occurred()), request.status(),
                request.textAvailable() == null ? TextAvailability.FULL : request.textAvailable(),
                request.reportedProvisionCount(), request.expectedVersion(), provisions, Bodies.sources(request.sources()),
                // The expected version is about concurrency, not content: a repeat without it is the same version.
                ContentFingerprint.of(documentId, withoutExpectedVersion(request))));
        return reads.created("/api/documents/" + documentId + "/versions/" + accepted.version(), negotiationId,
                        accepted.sequence())
                .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
                .body(Map.of("version", accepted.version(), "sequence", accepted.sequence(),
                        "changes", accepted.changes().stream()
                                .map(c -> Map.of("provision", c.provision(), "change", c.change(), "from", c.from()))
                                .toList()));
    }

    @PostMapping("/api/documents/{docId}/provisions/{pid}/status")
    ResponseEntity<Map<String, Object>> changeStatus(@PathVariable("docId") String documentId,
                                                     @PathVariable("pid") String provisionId,
                                                     @Valid @RequestBody ProvisionStatusRequest request) {
        String negotiationId = negotiationOf(documentId);
        ProvisionStatusAccepted accepted = commands.sendAndWait(new ChangeProvisionStatus(negotiationId, documentId, provisionId,
                request.status(), request.by(), Bodies.occurred(request.occurred()), Bodies.sources(request.sources()),
                request.basis(), Bodies.text(request.note()), ContentFingerprint.of(documentId + "/" + provisionId, request)));
        return reads.created("/api/provisions/" + documentId + "/" + provisionId + "/history", negotiationId,
                        accepted.sequence())
                .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
                .body(Map.of("provision", accepted.qualifiedId(), "status", request.status(), "sequence", accepted.sequence()));
    }

    private String negotiationOf(String documentId) {
        return index.negotiationOfDocument(documentId).orElseThrow(() -> new UnknownDocumentException(documentId));
    }

    private static AddVersionRequest withoutExpectedVersion(AddVersionRequest r) {
        return new AddVersionRequest(r.label(), r.occurred(), r.status(), r.textAvailable(), r.reportedProvisionCount(),
                null, r.provisions(), r.sources());
    }
}
