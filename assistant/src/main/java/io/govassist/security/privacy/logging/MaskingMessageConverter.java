package io.govassist.security.privacy.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.govassist.security.privacy.PersonalDataMasker;

/**
 * {@code %m}, {@code %msg}, {@code %message} with personal data masked ({@link PersonalDataMasker}), so that no log
 * line carries an identity card, mobile, bank card number or e-mail address, whoever logged it (our code, Spring's
 * request logging, a driver). Registered for those conversion words in {@code govassist/logback-masking.xml}.
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogMasking.mask(super.convert(event));
    }
}
