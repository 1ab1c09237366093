/**
 * Sweeps: a grid of runs over policies and their variants, account sets, scenarios at several severities and fund
 * sizes, and seeds, each point measured and kept under the sweep's id ({@link org.deleveraging.sweep.SweepService});
 * the reverse stress tests that search the severity scale ({@link org.deleveraging.sweep.StressTests}). Below the
 * report, above the run.
 */
package org.deleveraging.sweep;
