/**
 * Who may do what, wired in one place: {@code SecurityConfiguration} builds the filter chain (form login, HTTP Basic,
 * API keys, the authorization rules of every endpoint, the rate-limit and body-limit filters) from the concerns in
 * the sub-packages, and {@code BrowserPolicyConfiguration}/{@code WebProperties} set CORS and the content security
 * policy. The authorization matrix test lists every endpoint. Sub-packages: {@code users} (accounts and sign-in),
 * {@code apikeys}, {@code limits} (rate limits, stream caps, request admission), {@code audit} (the append-only
 * audit log), {@code privacy} (personal-data masking in stored text and logs). This package may use all of them;
 * none of them uses it.
 */
package io.govassist.security;
