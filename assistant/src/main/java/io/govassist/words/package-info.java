/**
 * The sensitive-word list (bundled and admin-managed) and its matcher, used on questions and answers.
 */
package io.govassist.words;
