package io.govassist.security.privacy.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * {@code %wEx} (Spring Boot's default exception conversion word, also used for {@code %wex}): the stack trace
 * separated by blank lines, with personal data masked.
 */
public class MaskingWhitespaceThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return LogMasking.mask(super.throwableProxyToString(proxy));
    }
}
