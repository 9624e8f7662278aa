package io.govassist.security.privacy.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %ex}, {@code %exception}, {@code %throwable}: the stack trace with personal data masked in the exception
 * messages (a parse error quoting the request body, a SQL error quoting a value).
 */
public class MaskingThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return LogMasking.mask(super.throwableProxyToString(proxy));
    }
}
