package org.negotiationtimeline.projection.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problems for the query API; the types are those of timeline-service (docs/api.md).
 * Every problem names the request path as its {@code instance}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    /** Seconds a client should wait before asking again while the views' database is unreachable. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(BadQueryException.class)
    ResponseEntity<Object> badQuery(BadQueryException e, WebRequest request) {
        return validation(e.field(), e.getMessage(), request);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        String detail = e.getMessage().length() <= 300 ? e.getMessage() : e.getMessage().substring(0, 300) + "…";
        return answer(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail), new HttpHeaders(), request);
    }

    /** The views' database is down or overloaded: the query may well succeed shortly. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<Object> databaseUnavailable(Exception e, WebRequest request) {
        log.warn("Query failed, the views' database is unavailable: {}", e.toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return answer(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                "the views' database cannot be reached; try again later"), headers, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected failure", e);
        return answer(problem(HttpStatus.INTERNAL_SERVER_ERROR, "unavailable", "Internal error", "the query could not be answered"),
                new HttpHeaders(), request);
    }

    /** {@code limit=abc}, {@code offset=99999999999}: named like every other bad parameter. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName().toLowerCase();
        return validation(field, "must be a valid " + (type.equals("integer") || type.equals("int") ? "whole number in range" : type),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return validation(e.getParameterName(), "is required", request);
    }

    /** Spring's own problems (unknown path, wrong method, …) get an instance too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            problem.setInstance(instance(request));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private ResponseEntity<Object> validation(String field, String message, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", field + " " + message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return answer(problem, new HttpHeaders(), request);
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
        problem.setInstance(instance(request));
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    static URI instance(WebRequest request) {
        HttpServletRequest servlet = request instanceof NativeWebRequest n ? n.getNativeRequest(HttpServletRequest.class) : null;
        return servlet == null ? null : Problems.instance(servlet);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:negotiation-timeline:problem:" + type));
        problem.setTitle(title);
        return problem;
    }
}
