/**
 * API keys for machine clients: the stored keys ({@code ApiKeyStore}, {@code ApiKey}), the filter that authenticates
 * a request by its key ({@code ApiKeyAuthenticationFilter}) and the admin endpoint that creates, lists and revokes
 * them ({@code ApiKeyAdminController}). Wired into the filter chain by {@code security}. May use {@code audit} and
 * {@code system}.
 */
package io.govassist.security.apikeys;
