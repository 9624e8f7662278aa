package io.govassist.security;

import io.govassist.security.apikeys.ApiKeyAuthenticationFilter;
import io.govassist.security.apikeys.ApiKeyStore;
import io.govassist.security.limits.Bucket4jClientRateLimiter;
import io.govassist.security.limits.ClientAddressResolver;
import io.govassist.security.limits.ClientRateLimitFilter;
import io.govassist.security.limits.ClientRateLimiter;
import io.govassist.security.limits.JsonBodyLimitFilter;
import io.govassist.security.limits.QueryAdmissionFilter;
import io.govassist.security.limits.RateLimitProperties;
import io.govassist.security.limits.SharedBuckets;
import io.govassist.security.limits.SharedClientRateLimiter;
import io.govassist.security.limits.StreamCapFilter;
import io.govassist.security.limits.StreamSlots;
import io.govassist.security.users.AdminCredentials;
import io.govassist.security.users.DatabaseUserDetailsService;
import io.govassist.security.users.LoginLockout;
import io.govassist.security.users.LoginProperties;

import io.govassist.system.GovAssistProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Who may call what. Anonymous: search, chat, reading documents, health, the widget and the demo pages. STAFF:
 * the console and its APIs. ADMIN: uploading, re-ingesting and deleting documents, managing users and API keys.
 * API key ({@code Authorization: Bearer ga-…}): the OpenAI-compatible {@code /v1/**} API.
 *
 * <p>Three filter chains: {@code /v1/**} with API keys and OpenAI-shaped 401s; the console ({@code /console/**})
 * logs in with a form and keeps the login in a session; the rest of the API accepts HTTP Basic (no session) and
 * also the console's session. Requests riding on a session must carry the session's CSRF token (header
 * {@code X-CSRF-TOKEN}); requests with their own credentials (Authorization header) or without a session have
 * nothing to forge and need none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String UNAVAILABLE_BODY =
            "{\"error\":{\"code\":\"STORE_UNAVAILABLE\",\"message\":\"服务暂时不可用（无法连接数据库），请稍后重试\"}}";
    static final String UNAUTHORIZED_BODY = "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"需要管理员身份验证\"}}";
    static final String FORBIDDEN_BODY = "{\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"没有执行此操作的权限\"}}";
    static final String CSRF_BODY = "{\"error\":{\"code\":\"CSRF_TOKEN_INVALID\",\"message\":\"页面已过期，请刷新页面后重试\"}}";

    /** Console pages only administrators may open. */
    static final String[] ADMIN_PAGES = {"/console/documents.html", "/console/users.html",
            "/console/audit.html", "/console/words.html", "/console/sync.html", "/console/knowledge.html"};

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LoginLockout loginLockout(JdbcClient jdbc, LoginProperties properties) {
        return new LoginLockout(jdbc, properties, Clock.systemUTC());
    }

    @Bean
    DatabaseUserDetailsService users(JdbcClient jdbc, PasswordEncoder encoder, TransactionTemplate transactions,
                                     LoginLockout lockout) {
        return new DatabaseUserDetailsService(jdbc, encoder, transactions, lockout);
    }

    @Bean
    AdminCredentials adminCredentials(GovAssistProperties properties, DatabaseUserDetailsService users) {
        return new AdminCredentials(properties, users);
    }

    /** Open answer streams on this replica, per client and in all ({@link StreamCapFilter}). */
    @Bean
    StreamSlots streamSlots(MeterRegistry meters) {
        StreamSlots slots = new StreamSlots();
        Gauge.builder("govassist.chat.streams.open", slots, StreamSlots::open)
                .description("answer streams open on this replica").register(meters);
        return slots;
    }

    /** pgvector mode: token buckets in PostgreSQL, so that all replicas enforce one budget. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "govassist.store", havingValue = "pgvector")
    SharedBuckets sharedBuckets(DataSource dataSource, RateLimitProperties properties) {
        return new SharedBuckets(dataSource, properties.sharedCleanupInterval(), properties.sharedBackOff(),
                Clock.systemUTC());
    }

    @Bean
    ClientRateLimiter clientRateLimiter(ObjectProvider<SharedBuckets> shared) {
        SharedBuckets buckets = shared.getIfAvailable();
        return buckets == null ? new Bucket4jClientRateLimiter()
                : new SharedClientRateLimiter(buckets, new Bucket4jClientRateLimiter());
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
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, Customizer<HeadersConfigurer<HttpSecurity>> browserHeaders)
            throws Exception {
        http.securityMatcher("/console/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/console/login", "/console/assets/**", "/console/forbidden.html").permitAll()
                        .requestMatchers(ADMIN_PAGES).hasRole("ADMIN")
                        .anyRequest().hasRole("STAFF"))
                .formLogin(form -> form.loginPage("/console/login")
                        .defaultSuccessUrl("/console/", false)
                        .failureUrl("/console/login?error")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
                .exceptionHandling(ex -> ex.accessDeniedPage("/console/forbidden.html"))
                .headers(browserHeaders);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, Customizer<HeadersConfigurer<HttpSecurity>> browserHeaders,
                            RateLimitProperties rateLimits, ClientRateLimiter limiter, StreamSlots streams)
            throws Exception {
        ClientAddressResolver addresses = new ClientAddressResolver(rateLimits.trustedProxies());
        http.addFilterBefore(new JsonBodyLimitFilter(rateLimits.maxJsonBody().toBytes()), AuthorizationFilter.class)
                .addFilterBefore(new StreamCapFilter(rateLimits, addresses, streams), AuthorizationFilter.class)
                .addFilterBefore(new ClientRateLimitFilter(rateLimits, limiter, addresses), AuthorizationFilter.class)
                .addFilterBefore(new QueryAdmissionFilter(rateLimits.maxConcurrentQueries()), AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/documents", "/api/v1/documents/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/documents/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/console/**").hasRole("STAFF")
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    if (e instanceof InternalAuthenticationServiceException) {
                        // The user database cannot be reached: the credentials were not judged, so no 401.
                        json(response, 503, UNAVAILABLE_BODY);
                        return;
                    }
                    // Without the challenge for the console's fetch calls, so browsers show no password dialog.
                    if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                        response.setHeader("WWW-Authenticate", "Basic realm=\"GovAssist\"");
                    }
                    json(response, 401, UNAUTHORIZED_BODY);
                }))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
                        json(response, 403, e instanceof CsrfException ? CSRF_BODY : FORBIDDEN_BODY)))
                .cors(Customizer.withDefaults())
                .csrf(csrf -> csrf
                        .ignoringRequestMatchers(BrowserPolicyConfiguration.WIDGET_API.toArray(String[]::new))
                        .ignoringRequestMatchers(SecurityConfiguration::nothingToForge))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .headers(browserHeaders);
        return http.build();
    }

    /** Own credentials in the request, or no session whose authority a forged request could borrow. */
    static boolean nothingToForge(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getSession(false) == null;
    }

    private static void json(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
