/**
 * The append-only audit log: who did what from where ({@code AuditLog}), its admin endpoint ({@code AuditController}),
 * retention ({@code AuditRetention}, {@code AuditProperties}) and the login events it records
 * ({@code LoginAuditListener}). May use {@code limits} (the client address), {@code privacy} and {@code system}.
 */
package io.govassist.security.audit;
