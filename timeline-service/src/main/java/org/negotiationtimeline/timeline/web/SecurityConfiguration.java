package org.negotiationtimeline.timeline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.config.Customizer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
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
 *
 * <p>Browsers on the origins of {@code timeline.web.cors.allowed-origins} (the web app on
 * projection-service) may call {@code /api/**} cross-origin: a CORS preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) is answered before the token rule, as a
 * preflight carries no credentials; the request that follows needs the token as any other. A
 * request from an origin not allowed is a 403 problem.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsSettings.class)
class SecurityConfiguration {

    /** The only methods the HTTP layer serves without changing anything. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
    private static final URI FORBIDDEN = URI.create("urn:negotiation-timeline:problem:forbidden");
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
                // The bean named corsFilter below.
                .cors(Customizer.withDefaults())
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

    /** Spring Security's CORS filter (found by its name), with refusals as problem+json. */
    @Bean
    CorsFilter corsFilter(CorsSettings settings, ObjectMapper json) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!settings.allowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(settings.allowedOrigins());
            cors.setAllowedMethods(List.of("GET", "HEAD", "POST"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
            cors.setExposedHeaders(List.of("Location", "Negotiation-Position", "Idempotent-Replayed", "Retry-After"));
            // The token travels in a header, never a cookie.
            cors.setAllowCredentials(false);
            cors.setMaxAge(settings.maxAge());
            source.registerCorsConfiguration("/api/**", cors);
        }
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                boolean allowed = super.processRequest(config, request, response);
                if (!allowed) {
                    Problems.write(request, response, json, Problems.of(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden",
                            "cross-origin requests from " + request.getHeader(HttpHeaders.ORIGIN)
                                    + " are not allowed (timeline.web.cors.allowed-origins)"));
                }
                return allowed;
            }

            @Override
            protected void rejectRequest(ServerHttpResponse response) {
                // processRequest writes the problem instead of Spring's plain-text body.
            }
        });
        return filter;
    }

    /** Spring Security runs the CORS filter; the servlet container must not run it a second time. */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilterOutsideSecurity(CorsFilter corsFilter) {
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(corsFilter);
        registration.setEnabled(false);
        return registration;
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
