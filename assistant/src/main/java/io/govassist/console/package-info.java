/**
 * The staff console's server side: the login page, the console session (user, roles, CSRF token for the scripts),
 * static page routing and the feedback to-do list. The pages themselves are in the frontend module.
 */
package io.govassist.console;
