/**
 * The shell: Spring Shell commands grouped by noun ({@code policy}, {@code accounts}, {@code scenario}, {@code runs})
 * plus {@code run}, {@code compare}, {@code explain} and {@code adl-queue}. Commands are thin adapters: they parse
 * options, call a workbench service and lay out its answer as plain text. User errors come back as one line and exit
 * status 1 ({@link org.deleveraging.shell.UserErrorResolver}); nothing here decides or computes.
 */
package org.deleveraging.shell;
