package io.govassist.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The console's Chinese login page ({@code GET /console/login}); Spring Security's form login processes the
 * POST. Rendered on the server so that the form carries the CSRF token without any script.
 */
@Controller
class LoginPageController {

    private final String template;

    LoginPageController() {
        try (InputStream in = new ClassPathResource("console/login.html").getInputStream()) {
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("console/login.html is missing from the build", e);
        }
    }

    @GetMapping("/console/login")
    ResponseEntity<String> login(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String message = "";
        String kind = "hidden";
        if (request.getParameter("error") != null) {
            message = "用户名或密码错误，或账号已停用。";
            kind = "error";
        } else if (request.getParameter("logout") != null) {
            message = "您已安全退出。";
            kind = "info";
        }
        String html = template
                .replace("{{csrfParameter}}", HtmlUtils.htmlEscape(csrf.getParameterName()))
                .replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf.getToken()))
                .replace("{{messageClass}}", kind)
                .replace("{{message}}", HtmlUtils.htmlEscape(message));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).body(html);
    }
}
