package org.negotiationtimeline.timeline.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.negotiationtimeline.timeline.negotiation.ActorConflictException;
import org.negotiationtimeline.timeline.negotiation.DevelopmentRetractedException;
import org.negotiationtimeline.timeline.negotiation.DocumentConflictException;
import org.negotiationtimeline.timeline.negotiation.EventIdConflictException;
import org.negotiationtimeline.timeline.negotiation.StaleVersionException;
import org.negotiationtimeline.timeline.negotiation.UnknownDocumentException;
import org.negotiationtimeline.timeline.negotiation.UnknownEventException;
import org.negotiationtimeline.timeline.negotiation.InvalidDevelopmentException;
import org.negotiationtimeline.timeline.negotiation.api.UnknownNegotiationException;
import org.negotiationtimeline.timeline.publishing.EventSizeLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem. Validation problems list each bad field in
 * {@code errors[]}, so a client can show them next to its inputs.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final long RETRY_AFTER_SECONDS = 5;

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException ex,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(org.springframework.validation.FieldError::getField))
                .map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
                .toList();
        String detail = errors.stream().map(e -> e.get("field") + " " + e.get("message")).collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(Problems.validation(detail, errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException ex,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodyLimitFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE,
                        Problems.TOO_LARGE, "Payload too large", tooLarge.getMessage()));
            }
        }
        Throwable cause = ex.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String message;
            String malformed = malformed(cause);
            if (malformed != null) {
                message = malformed;
            } else if (cause instanceof StrictJson.UnsafeTextException) {
                message = mapping.getOriginalMessage();
            } else if (cause instanceof UnrecognizedPropertyException) {
                message = "is not a known field";
            } else if (cause instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
                message = "must be one of " + Arrays.toString(format.getTargetType().getEnumConstants());
            } else {
                message = "has the wrong type or format";
            }
            return ResponseEntity.badRequest().body(Problems.validation(field + " " + message,
                    List.of(Map.of("field", field, "message", message))));
        }
        return ResponseEntity.badRequest().body(Problems.validation(notJson(cause), List.of()));
    }

    /** What is wrong with a body that is not one well-formed JSON value, without Jackson's internals. */
    private static String notJson(Throwable cause) {
        String malformed = malformed(cause);
        if (malformed != null) {
            return "the body " + malformed;
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getOriginalMessage().startsWith("Trailing token")) {
            return "the body holds something after its JSON value";
        }
        return "the body is not valid JSON";
    }

    /** A key given twice, or nesting past the parser's bound, wherever in the body (and the cause chain) it is. */
    private static String malformed(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return "is nested deeper than " + StrictJson.MAX_NESTING + " levels";
            }
            if (t instanceof JsonParseException parse && parse.getOriginalMessage().startsWith("Duplicate field")) {
                return "gives a field twice: " + parse.getOriginalMessage().substring("Duplicate field ".length());
            }
        }
        return null;
    }

    /**
     * Every refusal of the domain, thrown directly or wrapped by Axon on its way back from a
     * command handler: one mapping for both.
     */
    @ExceptionHandler({InvalidDevelopmentException.class, UnknownNegotiationException.class,
            AggregateNotFoundException.class, UnknownEventException.class, UnknownDocumentException.class,
            EventIdConflictException.class, ActorConflictException.class, DevelopmentRetractedException.class,
            DocumentConflictException.class, StaleVersionException.class, AggregateStreamCreationException.class,
            ConcurrencyException.class, CommandExecutionException.class,
            EventSizeLimit.EventTooLargeException.class})
    ResponseEntity<ProblemDetail> refused(RuntimeException e) {
        ProblemDetail refusal = refusal(e);
        return refusal == null ? unexpected(e) : ResponseEntity.status(refusal.getStatus()).body(refusal);
    }

    /** The problem for a refusal of the domain, or null for any other failure. */
    private static ProblemDetail refusal(RuntimeException e) {
        Throwable cause = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof EventSizeLimit.EventTooLargeException tooLarge) {
            return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, Problems.TOO_LARGE, "Payload too large", tooLarge.getMessage());
        }
        if (cause instanceof InvalidDevelopmentException invalid) {
            return Problems.validation(invalid.field() + ": " + invalid.getMessage(),
                    List.of(Map.of("field", invalid.field(), "message", invalid.getMessage())));
        }
        if (cause instanceof AggregateNotFoundException missing) {
            return Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found",
                    "no negotiation '" + missing.getAggregateIdentifier() + "'");
        }
        if (cause instanceof UnknownNegotiationException || cause instanceof UnknownEventException
                || cause instanceof UnknownDocumentException) {
            return Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", cause.getMessage());
        }
        if (cause instanceof AggregateStreamCreationException) {
            return Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict", "the id is already taken");
        }
        if (cause instanceof ConcurrencyException) {
            return Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict", "a concurrent change got there first; retry");
        }
        if (cause instanceof EventIdConflictException || cause instanceof ActorConflictException
                || cause instanceof DevelopmentRetractedException || cause instanceof DocumentConflictException
                || cause instanceof StaleVersionException) {
            return Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict", cause.getMessage());
        }
        return null;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (databaseUnavailable(e)) {
            log.warn("The event store is unavailable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                    .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE, "Service unavailable",
                            "the event store cannot be reached; nothing was stored, retry later"));
        }
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                Problems.UNAVAILABLE, "Internal error",
                "the request could not be completed; nothing was stored unless a 201 was returned"));
    }

    /** Whether a failure, however Axon, Spring or Hibernate wrapped it, is the database being out of reach. */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            // A connection the server ended under a statement: SQLSTATE class 08 (connection
            // exception) or PostgreSQL's 57P01-57P03 (shut down, crashed, not accepting connections).
            // Axon reports these as an EventStoreException ("Cannot reuse aggregate identifier…").
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
