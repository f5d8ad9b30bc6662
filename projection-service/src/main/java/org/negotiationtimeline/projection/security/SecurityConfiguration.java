package org.negotiationtimeline.projection.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read. Reads open (the default): one chain that permits everything and adds nothing to
 * the answers (no security headers, no session, no request cache), so the service behaves as
 * without Spring Security, except for its firewall, which refuses suspicious paths ({@code ;},
 * encoded slashes, dot segments) with a 400 problem. With {@code projection.read-token} set: a
 * stateless bearer-token chain; everything but health needs the token (the SSE stream included),
 * and a missing or wrong one is a 401 problem+json with {@code WWW-Authenticate: Bearer}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadAccess.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain reads(HttpSecurity http, ReadAccess access) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!access.protectedReads()) {
            return http.headers(AbstractHttpConfigurer::disable)
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .build();
        }
        return http.addFilterBefore(new BearerToken(access.readToken()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        // The web app's shell and scripts hold no data; the API calls they make need the token.
                        .requestMatchers(HttpMethod.GET, "/", "/n/**", "/d/**", "/record", "/app/**",
                                "/openapi.yaml", "/api-docs/**", "/webjars/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(new ProblemEntryPoint()))
                .build();
    }

    /** Authenticates a request whose {@code Authorization: Bearer} is the read token; leaves others anonymous. */
    static final class BearerToken extends OncePerRequestFilter {
        private final byte[] token;

        BearerToken(String token) {
            this.token = token.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    && MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
                var reader = new UsernamePasswordAuthenticationToken("reader", null, List.of(new SimpleGrantedAuthority("READ")));
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(reader);
                SecurityContextHolder.setContext(context);
            }
            chain.doFilter(request, response);
        }
    }

    /** The 401 as the same problem+json as every other error (docs/api.md). */
    static final class ProblemEntryPoint implements AuthenticationEntryPoint {
        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response,
                             org.springframework.security.core.AuthenticationException e) throws IOException {
            response.setStatus(401);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            String path = request.getRequestURI();
            String instance = path == null ? "" : path.length() > 512 ? path.substring(0, 512) : path;
            response.getWriter().write("{\"type\":\"urn:negotiation-timeline:problem:unauthorized\",\"title\":\"Unauthorized\","
                    + "\"status\":401,\"detail\":\"reads need Authorization: Bearer <read token>\",\"instance\":\""
                    + instance.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        }
    }
}
