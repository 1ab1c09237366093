/**
 * Reading untrusted input (policy folders, cases, scenarios, account files): YAML nodes that know their file and line,
 * bounds on every number, decimals, identifiers, paths kept inside their folder, and the one-line
 * {@code file:line: field} error ({@link org.deleveraging.input.InputException}) a user sees for anything wrong.
 */
package org.deleveraging.input;
