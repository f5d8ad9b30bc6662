package org.negotiationtimeline.projection.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses query parameters the endpoint does not read (a misspelt {@code knwonAt} would otherwise
 * be ignored silently and answer something else than asked): the names are those of the handler
 * method's {@code @RequestParam}s, and {@link WritePosition#PARAMETER}, which every read takes
 * ({@link ReadYourWritesFilter} has read it before the handler runs).
 */
class KnownParameters implements HandlerInterceptor {

    private final Map<HandlerMethod, Set<String>> known = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Set<String> names = known.computeIfAbsent(method, KnownParameters::namesOf);
            if (names != null) {
                for (String name : request.getParameterMap().keySet()) {
                    if (!names.contains(name) && !name.equals(WritePosition.PARAMETER)) {
                        throw new BadQueryException(shortened(name), "is not a parameter of this endpoint"
                                + (names.isEmpty() ? " (it takes none)" : "; it takes " + names.stream().sorted().toList()));
                    }
                }
            }
        }
        return true;
    }

    /** The parameter names; null when the method takes them all (a {@code @RequestParam Map}). */
    private static Set<String> namesOf(HandlerMethod method) {
        Set<String> names = Stream.of(method.getMethodParameters())
                .filter(p -> p.hasParameterAnnotation(RequestParam.class))
                .map(KnownParameters::nameOf)
                .collect(Collectors.toSet());
        return names.contains("") ? null : names;
    }

    private static String nameOf(MethodParameter parameter) {
        RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
        if (Map.class.isAssignableFrom(parameter.getParameterType()) && annotation.name().isEmpty()) {
            return "";
        }
        return annotation.name().isEmpty() ? parameter.getParameterName() : annotation.name();
    }

    /** An attacker's 10,000-character name is not echoed whole. */
    private static String shortened(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }
}
