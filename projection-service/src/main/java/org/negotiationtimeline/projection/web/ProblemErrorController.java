package org.negotiationtimeline.projection.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that reach the servlet container's error page (a servlet's {@code sendError}, a filter's
 * refusal) are answered as problem+json, like everything else, instead of Spring Boot's own JSON.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c && c >= 400 ? c : 500;
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(Problems.type(status));
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setDetail(known == null ? "the request failed" : known.getReasonPhrase());
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        problem.setInstance(Problems.instance(uri instanceof String path ? path : request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
