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
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Bounds every request body (413 otherwise) before it is parsed, so a refused body can store
 * nothing. It applies to every method and path: which body may be larger is decided on the path
 * as the dispatcher will route it (decoded, without path parameters), and only the batch
 * endpoint, whose body holds up to {@code timeline.http.batch.max-events} developments, has a
 * larger limit. Runs after the security chain, so an anonymous write is refused before its body
 * is read at all.
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    private static final Pattern BATCH_PATH = Pattern.compile("/api/negotiations/[^/]+/events/batch/?");
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final long maxBodyBytes;
    private final long maxBatchBodyBytes;
    private final ObjectMapper json;

    public BodyLimitFilter(long maxBodyBytes, long maxBatchBodyBytes, ObjectMapper json) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxBatchBodyBytes = maxBatchBodyBytes;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = BATCH_PATH.matcher(PATHS.getPathWithinApplication(request)).matches() ? maxBatchBodyBytes : maxBodyBytes;
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response, limit);
            return;
        }
        // A body without Content-Length is counted as it is read; ProblemHandler answers 413 for it.
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        Problems.write(request, response, json, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, Problems.TOO_LARGE,
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
