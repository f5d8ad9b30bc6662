package org.negotiationtimeline.projection.web;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own answer to requests it refuses before any servlet sees them (a request line or header
 * over {@code server.max-http-request-header-size}, a malformed URI, …), as problem+json instead of
 * Tomcat's HTML page. Installed as the host's error report valve (see {@link WebConfiguration}).
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        URI instance = Problems.instance(request.getRequestURI() == null || request.getRequestURI().isEmpty()
                ? request.getCoyoteRequest().requestURI().toString() : request.getRequestURI());
        String body = "{\"type\":" + quoted(Problems.type(status).toString()) + ",\"title\":" + quoted(title)
                + ",\"status\":" + status + ",\"detail\":" + quoted("the server refused the request: " + title)
                + ",\"instance\":" + quoted(instance == null ? "urn:uuid:" + UUID.randomUUID() : instance.toString()) + "}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response committed: nothing more to say.
        }
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
