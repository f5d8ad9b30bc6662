package org.negotiationtimeline.timeline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may change state: every request except {@code GET} and {@code HEAD} needs the write token,
 * whatever its path. The rule names no path on purpose: the old filter compared the raw request
 * URI with {@code /api/}, and any spelling the router normalised differently ({@code /api;x=1/…})
 * skipped it. Spring Security's default {@code StrictHttpFirewall} refuses the spellings that
 * make a path ambiguous ({@code ;}, encoded {@code /} or {@code .}, dot segments, {@code //},
 * methods outside the usual set) before any rule runs; both refusals are problem+json.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The only methods the HTTP layer serves without changing anything. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
    private static final String REALM = "Bearer realm=\"negotiation-timeline\"";

    @Bean
    SecurityFilterChain writeAccess(HttpSecurity http, WriteToken token, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", REALM);
            Problems.write(request, response, json, Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED,
                    "Unauthorized", e instanceof BadCredentialsException
                            ? "the bearer token is not valid"
                            : "writes need an 'Authorization: Bearer <token>' header"));
        };
        AuthenticationFilter bearer = new AuthenticationFilter(bearerTokens(token), SecurityConfiguration::presented);
        bearer.setSuccessHandler((request, response, authentication) -> { /* go on down the chain */ });
        bearer.setFailureHandler(unauthorized::commence);
        RequestMatcher safe = request -> SAFE_METHODS.contains(request.getMethod());
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(bearer, AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules
                        // Error and async dispatches continue a request that already passed the rules.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(safe).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((request, response, e) -> unauthorized.commence(request, response,
                                new BadCredentialsException(e.getMessage()))))
                .build();
    }

    /** Answers the firewall's refusals (see the class comment) as 400 problems. */
    @Bean
    RequestRejectedHandler rejectedRequests(ObjectMapper json) {
        return (request, response, e) -> Problems.write(request, response, json, Problems.of(HttpStatus.BAD_REQUEST,
                Problems.VALIDATION, "Invalid request", "the request's path or method is refused: "
                        + "no ';', encoded '/', '\\' or '.', dot segments or empty segments"));
    }

    private static AuthenticationManager bearerTokens(WriteToken token) {
        return presented -> {
            if (presented instanceof BearerToken bearer && token.matches(bearer.value)) {
                return BearerToken.authenticated();
            }
            throw new BadCredentialsException("the bearer token is not valid");
        };
    }

    /** A presented bearer token, and once it matched, the writer it stands for. */
    static final class BearerToken extends AbstractAuthenticationToken {
        private final transient String value;

        BearerToken(String value) {
            super(List.of());
            this.value = value;
        }

        private BearerToken() {
            super(AuthorityUtils.createAuthorityList("ROLE_WRITER"));
            this.value = null;
            setAuthenticated(true);
        }

        static BearerToken authenticated() {
            return new BearerToken();
        }

        /** Never the token itself: the credentials are not kept once checked. */
        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return "writer";
        }
    }

    /** The token of an {@code Authorization: Bearer …} header (scheme in any case), or none. */
    static BearerToken presented(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? new BearerToken(authorization.substring(7).strip())
                : null;
    }
}
