/**
 * What a client may ask for how often and how much: per-client rate limits (in memory or shared between replicas
 * through the database: {@code ClientRateLimiter}, {@code Bucket4jClientRateLimiter}, {@code SharedClientRateLimiter},
 * {@code SharedBuckets}), caps on open answer streams ({@code StreamSlots}, {@code StreamCapFilter}), request body
 * limits ({@code JsonBodyLimitFilter}), query admission ({@code QueryAdmissionFilter}) and who the client is
 * ({@code ClientAddressResolver}). Settings: {@code RateLimitProperties}. The filters are placed in the chain by
 * {@code security}. May use {@code system} only.
 */
package io.govassist.security.limits;
