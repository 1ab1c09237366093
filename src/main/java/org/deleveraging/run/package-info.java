/**
 * A run: the recipe (load the set, check the scenario prices it, run the engine, summarise, store with provenance),
 * the vocabulary of a stored run (summary, provenance, labels, queue points), its digest, the reports read from stored
 * runs (compare, explain, ADL queue) and the port through which runs are stored and read
 * ({@link org.deleveraging.run.RunRepository}).
 */
package org.deleveraging.run;
