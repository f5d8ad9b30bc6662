package org.negotiationtimeline.timeline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ReadListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards writes: a bearer token (401 otherwise) and a body size limit (413 otherwise). Both answer
 * before the body is parsed, so a rejected request can store nothing. Reads are open. The batch
 * endpoint, whose body holds up to {@code timeline.http.batch.max-events} developments, has its
 * own larger limit.
 */
public class WriteAccessFilter extends OncePerRequestFilter {

    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern BATCH_PATH = Pattern.compile("/api/negotiations/[^/]+/events/batch/?");

    private final WriteToken token;
    private final long maxBodyBytes;
    private final long maxBatchBodyBytes;
    private final ObjectMapper json;

    public WriteAccessFilter(WriteToken token, long maxBodyBytes, long maxBatchBodyBytes, ObjectMapper json) {
        this.token = token;
        this.maxBodyBytes = maxBodyBytes;
        this.maxBatchBodyBytes = maxBatchBodyBytes;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITE_METHODS.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : null;
        if (!token.matches(presented)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"negotiation-timeline\"");
            Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED,
                    "Unauthorized", presented == null
                            ? "writes need an 'Authorization: Bearer <token>' header"
                            : "the bearer token is not valid"));
            return;
        }
        long limit = BATCH_PATH.matcher(request.getRequestURI()).matches() ? maxBatchBodyBytes : maxBodyBytes;
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        // A body without Content-Length is counted as it is read; ProblemHandler answers 413 for it.
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private void tooLarge(HttpServletResponse response, long limit) throws IOException {
        Problems.write(response, json, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, Problems.TOO_LARGE,
                "Payload too large", "the body exceeds " + limit + " bytes"));
    }

    /** Thrown while reading a body that outgrew the limit. */
    public static final class BodyTooLargeException extends IOException {
        private final long limit;

        BodyTooLargeException(long limit) {
            super("the body exceeds " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /** Counts what is read of a body without a Content-Length, and stops at the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        count += n;
                        if (count > limit) {
                            throw new BodyTooLargeException(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
