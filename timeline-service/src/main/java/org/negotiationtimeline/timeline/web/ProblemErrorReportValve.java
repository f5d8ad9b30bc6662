package org.negotiationtimeline.timeline.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat answers some requests itself, before any filter runs: an encoded {@code /} or a raw
 * {@code \} in the path, a NUL, a request line or header over its size limit, a Host it does not
 * serve. Its error page for them is HTML; this valve, in place of Tomcat's own, makes it an RFC 9457
 * problem like every other answer of the API. Errors Spring already answered are left alone.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

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
        String type = status == 400 ? Problems.VALIDATION.toString() : "about:blank";
        String detail = status == 400
                ? "the request is malformed: its path, a header or its size is refused by the server"
                : title.toLowerCase(java.util.Locale.ROOT);
        // The path when Tomcat could read it as a URI (which holds no '"' or '\\'), else a name for this occurrence.
        java.net.URI path = Problems.instance(request);
        String instance = path != null ? path.toString() : "urn:uuid:" + java.util.UUID.randomUUID();
        String body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"instance\":\"" + instance + "\"}";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot be written: nothing more to say.
        }
    }

    /** Puts this valve in place of the host's error report valve (Spring Boot adds one of Tomcat's own). */
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> installer() {
        return new Installer();
    }

    private static final class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                // The host adds an instance of this class when it starts.
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            });
        }

        /** After Spring Boot's own customizer, which adds Tomcat's valve. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
