/**
 * Personal-data masking: {@code PersonalDataMasker} masks identity card, mobile and bank card numbers and e-mail
 * addresses in stored questions and audit details; {@code logging} applies it to every log line through the logback
 * converters named in {@code govassist/logback-masking.xml}. Uses nothing else of the application; used by
 * {@code chat}, {@code audit}, {@code users} and others.
 */
package io.govassist.security.privacy;
