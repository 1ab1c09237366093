/**
 * Start-up: the Spring Boot application, its configuration (the data folder, the store, the services wired to the
 * ports they need) and what a first start creates. Nothing here decides or computes; it connects the
 * features and reports a failed start in one line.
 */
package org.deleveraging.app;
