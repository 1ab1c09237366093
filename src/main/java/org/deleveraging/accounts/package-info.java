/**
 * Account sets: import from CSV or JSON, the seeded generator and the demo book, summaries, the markets a set may
 * trade, and the port through which sets are stored ({@link org.deleveraging.accounts.AccountSetRepository}).
 * Services raise {@link org.deleveraging.input.InputException} with the file, line and field for anything the user got
 * wrong. The same generator settings always give the same accounts.
 */
package org.deleveraging.accounts;
