package io.govassist.security;

import io.govassist.system.GovAssistProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import java.nio.charset.StandardCharsets;

/**
 * Who may call what. Anonymous: search, chat, reading documents, health. ADMIN (HTTP Basic): uploading and
 * deleting documents, managing API keys. API key ({@code Authorization: Bearer ga-…}): the OpenAI-compatible
 * {@code /v1/**} API, in its own filter chain with OpenAI-shaped 401s.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String UNAUTHORIZED_BODY = "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"需要管理员身份验证\"}}";
    static final String FORBIDDEN_BODY = "{\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"没有执行此操作的权限\"}}";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(GovAssistProperties properties, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(User.withUsername("admin")
                .password(AdminCredentials.passwordHash(properties, encoder))
                .roles("ADMIN", "STAFF")
                .build());
    }

    @Bean
    @Order(1)
    SecurityFilterChain openAiCompatibleApi(HttpSecurity http, ApiKeyStore apiKeys, MeterRegistry meters)
            throws Exception {
        ApiKeyAuthenticationFilter bearer = new ApiKeyAuthenticationFilter(apiKeys, meters);
        http.securityMatcher("/v1/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("API_CLIENT"))
                .addFilterBefore(bearer, AuthorizationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(bearer::reject))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/documents", "/api/v1/documents/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/documents/**").hasRole("ADMIN")
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(401);
                    response.setHeader("WWW-Authenticate", "Basic realm=\"GovAssist\"");
                    response.setContentType("application/json;charset=UTF-8");
                    response.getOutputStream().write(UNAUTHORIZED_BODY.getBytes(StandardCharsets.UTF_8));
                }))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) -> {
                    response.setStatus(403);
                    response.setContentType("application/json;charset=UTF-8");
                    response.getOutputStream().write(FORBIDDEN_BODY.getBytes(StandardCharsets.UTF_8));
                }))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/v1/**"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
