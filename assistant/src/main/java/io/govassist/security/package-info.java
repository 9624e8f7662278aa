/**
 * Who may do what: users and sign-in (form login, HTTP Basic), API keys, per-client rate limits and stream caps,
 * the append-only audit log, personal-data masking (in stored questions and logs), CORS and the content security
 * policy. The authorization matrix test lists every endpoint.
 */
package io.govassist.security;
