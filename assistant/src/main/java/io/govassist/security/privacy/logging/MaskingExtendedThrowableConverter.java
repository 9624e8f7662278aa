package io.govassist.security.privacy.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** {@code %xEx}, {@code %xException}, {@code %xThrowable} with personal data masked. */
public class MaskingExtendedThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return LogMasking.mask(super.throwableProxyToString(proxy));
    }
}
