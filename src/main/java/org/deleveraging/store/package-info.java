/**
 * The workbench's H2 store behind one interface, {@link org.deleveraging.store.WorkbenchStore}: account sets,
 * imported scenarios, and runs with their provenance and results. The schema is Flyway's
 * ({@code db/migration}); every query binds its parameters. Imports and runs are written in batches under a status
 * flag committed last, so an interrupted write is never shown and is discarded at the next start. Nothing here
 * decides or computes a policy's outcome: the store keeps what the engine produced.
 */
package org.deleveraging.store;
