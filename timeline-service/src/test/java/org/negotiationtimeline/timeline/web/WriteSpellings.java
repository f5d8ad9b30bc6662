package org.negotiationtimeline.timeline.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Other spellings of one request target, as an outsider would try them to reach a write endpoint
 * past a check that compares paths: path parameters, percent-encoding, dot segments, doubled and
 * trailing slashes, case, backslashes, NUL, absolute-form. Each is named, so a failure says which.
 */
final class WriteSpellings {

    private WriteSpellings() {
    }

    /** {@code path} is canonical: {@code /api/…}, at least two segments. */
    static Map<String, String> of(String path, int port) {
        String rest = path.substring("/api".length());
        String first = rest.substring(1, rest.indexOf('/', 1) < 0 ? rest.length() : rest.indexOf('/', 1));
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put("canonical", path);
        spellings.put("path parameter on /api", "/api;x=1" + rest);
        spellings.put("path parameter at the end", path + ";x=1");
        spellings.put("empty path parameter", "/api;" + rest);
        spellings.put("jsessionid path parameter", path + ";jsessionid=0");
        spellings.put("encoded semicolon", "/api%3bx=1" + rest);
        spellings.put("trailing slash", path + "/");
        spellings.put("two trailing slashes", path + "//");
        spellings.put("leading double slash", "/" + path);
        spellings.put("inner double slash", "/api/" + rest);
        spellings.put("upper case", path.toUpperCase(Locale.ROOT));
        spellings.put("capitalised", "/Api" + rest);
        spellings.put("percent-encoded letter", "/%61pi" + rest);
        spellings.put("percent-encoded segment", "/%61%70%69" + rest);
        spellings.put("percent-encoded upper-case hex", "/%61%70%69/" + encodeFirstLetter(first, true) + rest.substring(1 + first.length()));
        spellings.put("dot segment", "/api/." + rest);
        spellings.put("dot segment first", "/./api" + rest);
        spellings.put("dot-dot segment", "/x/../api" + rest);
        spellings.put("dot-dot at the end", path + "/x/..");
        spellings.put("dot at the end", path + "/.");
        spellings.put("encoded dot segment", "/api/%2e" + rest);
        spellings.put("encoded dot-dot segment", "/x/%2e%2e/api" + rest);
        spellings.put("half-encoded dot-dot", "/x/.%2e/api" + rest);
        spellings.put("dot with path parameter", "/api/.;x=1" + rest);
        spellings.put("dot-dot with path parameter", "/x/..;/api" + rest);
        spellings.put("encoded slash", "/api%2f" + rest.substring(1));
        spellings.put("encoded slash, lower case", "/api%2F" + rest.substring(1));
        spellings.put("double-encoded slash", "/api%252f" + rest.substring(1));
        spellings.put("backslash", "/api\\" + rest.substring(1));
        spellings.put("encoded backslash", "/api%5c" + rest.substring(1));
        spellings.put("encoded NUL", path + "%00");
        spellings.put("encoded line feed", path + "%0a");
        spellings.put("encoded space", path + "%20");
        spellings.put("query string", path + "?x=1");
        spellings.put("empty query", path + "?");
        spellings.put("absolute form", "http://127.0.0.1:" + port + path);
        spellings.put("absolute form, other host", "http://example.invalid" + path);
        return spellings;
    }

    /** The methods that must not change anything without the token (GET and HEAD serve nothing here). */
    static List<String> methods() {
        return new ArrayList<>(List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "post", "Post", "PROPFIND", "FOO"));
    }

    private static String encodeFirstLetter(String segment, boolean upper) {
        String hex = Integer.toHexString(segment.charAt(0));
        return "%" + (upper ? hex.toUpperCase(Locale.ROOT) : hex) + segment.substring(1);
    }
}
