/**
 * The workbench's services: the policy registry, account sets (import, generation, summaries), scenarios, runs and
 * the reports read from stored runs (compare, explain, ADL queue). The shell commands are thin adapters over these;
 * tests exercise them directly. Services raise {@link org.deleveraging.input.InputException} for anything the user
 * got wrong, with a one-line message naming the file, line and field or the unknown name.
 */
package org.deleveraging.workbench;
