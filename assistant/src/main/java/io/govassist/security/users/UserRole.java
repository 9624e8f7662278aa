package io.govassist.security.users;

import java.util.List;

/** Console roles. An ADMIN has every STAFF authority as well. */
enum UserRole {
    /** Civil servants: ask with filters, read feedback, search clauses. */
    STAFF,
    /** Administrators: also manage documents and users. */
    ADMIN;

    /** Spring Security role names (without the ROLE_ prefix) granted to a user with this role. */
    List<String> grantedRoles() {
        return this == ADMIN ? List.of("ADMIN", "STAFF") : List.of("STAFF");
    }
}
