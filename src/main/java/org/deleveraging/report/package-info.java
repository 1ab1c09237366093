/**
 * The committee report: stored runs compared in one self-contained HTML file (ECharts inlined from its webjar, the
 * data embedded as JSON, no network needed to open it) and the same figures as CSV for a notebook or spreadsheet.
 *
 * <p>What belongs here: metrics that only a comparison needs (who bore the haircuts, how concentrated they were),
 * the report's model, and its writers. What does not: anything that changes a run or the store. The report reads
 * stored runs through {@link org.deleveraging.run.RunRepository} only, its whole-run scans grouped by
 * {@link org.deleveraging.report.RunTables}. The frontier report of a sweep ({@code SweepReport*},
 * {@code ParetoFrontier}) reads a sweep's points through {@link org.deleveraging.sweep.SweepRepository} only.
 */
package org.deleveraging.report;
