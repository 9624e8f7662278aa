/**
 * Logback converters ({@code %m}, {@code %ex}, {@code %xEx}, {@code %wEx} and their aliases) that pass every log
 * message and stack trace through {@code PersonalDataMasker}. Referenced by class name from
 * {@code govassist/logback-masking.xml}: renaming or moving a class here means editing that file. Uses
 * {@code privacy} only.
 */
package io.govassist.security.privacy.logging;
