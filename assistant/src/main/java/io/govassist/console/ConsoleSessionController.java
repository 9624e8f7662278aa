package io.govassist.console;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/v1/console/session}: who is logged in, with which roles, and the CSRF token the console's
 * scripts send as a header with every state-changing request.
 */
@RestController
class ConsoleSessionController {

    record Csrf(String headerName, String parameterName, String token) {
    }

    record Session(String username, List<String> roles, Csrf csrf) {
    }

    @GetMapping("/api/v1/console/session")
    Session session(Authentication user, CsrfToken csrf) {
        List<String> roles = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList();
        return new Session(user.getName(), roles, new Csrf(csrf.getHeaderName(), csrf.getParameterName(), csrf.getToken()));
    }
}
