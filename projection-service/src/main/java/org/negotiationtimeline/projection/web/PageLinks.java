package org.negotiationtimeline.projection.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The RFC 8288 {@code Link: <…>; rel="next"} of a keyset-paged list: this request's path and
 * query (still as the client encoded them), with {@code cursor} set to where the next page starts.
 * A path-absolute reference (no scheme or host), so it holds behind any proxy that keeps paths.
 */
public final class PageLinks {

    private PageLinks() {
    }

    /** Headers with the next page's link, or none when {@code nextCursor} is null (the last page). */
    public static HttpHeaders next(HttpServletRequest request, String nextCursor) {
        HttpHeaders headers = new HttpHeaders();
        if (nextCursor != null) {
            String query = request.getQueryString();
            String next = UriComponentsBuilder.fromPath(request.getRequestURI()).query(query)
                    .replaceQueryParam("cursor", nextCursor).build(true).toUriString();
            headers.add(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return headers;
    }
}
