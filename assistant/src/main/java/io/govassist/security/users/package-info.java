/**
 * Accounts and sign-in: users and their roles in the application database ({@code AppUser}, {@code UserRole},
 * {@code DatabaseUserDetailsService}, the admin's {@code UserController}), the bootstrap admin
 * ({@code AdminCredentials}) and the lockout after repeated failed logins ({@code LoginLockout},
 * {@code LoginProperties}). Wired into the filter chain by {@code security}. May use {@code audit},
 * {@code privacy} and {@code system}.
 */
package io.govassist.security.users;
