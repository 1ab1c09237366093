package org.deleveraging.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;


import org.deleveraging.input.InputException;
import org.deleveraging.report.ReportService;
import org.deleveraging.report.SweepReportService;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code report} and {@code export}: stored runs as a committee report in HTML, and as CSV files; {@code report
 * --sweep} a sweep's frontier report, another kind of page, so it refuses run numbers beside it.
 */
@Command(group = "Reports")
public class ReportCommands {
    private final ReportService reports;
    private final SweepReportService sweeps;

    public ReportCommands(ReportService reports, SweepReportService sweeps) {
        this.reports = reports;
        this.sweeps = sweeps;
    }

    @Command(command = "report",
            description = "Write a self-contained HTML report comparing runs (metrics side by side,"
            + " charts; opens in a browser with no network), or with --sweep the frontier report of a sweep.")
    public String report(@Option(longNames = "runs", arity = OptionArity.ZERO_OR_MORE,
                                 description = "one or more run numbers, or last") @OptionValues(
                                 provider = "runNames") String[] runs,
                         @Option(longNames = "out", description = "the .html file to write (with --sweep, default"
                                 + " reports/sweep-ID.html)") String out,
                         @Option(longNames = "market", description = "the market whose ADL queue to draw"
                                 + " (default: the one with the longest queues)") String market,
                         @Option(longNames = "sweep", description = "a sweep number, or last: its frontier report"
                                 + " (solvency against fairness) instead of runs")
                         @OptionValues(provider = "sweepNames") String sweep) {
        if (sweep != null) return sweepReport(runs, market, sweep, out);
        if (runs == null || runs.length == 0)
            throw new InputException("report: name at least one run (see 'runs list') or a sweep with --sweep ID");
        if (out == null) throw new InputException("--out: missing; name the .html file to write");
        ReportService.Written w = reports.report(List.of(runs), market, Path.of(out));
        return "wrote " + w.file() + " (" + String.format(Locale.ROOT, "%.1f", w.bytes() / 1024.0 / 1024.0) + " MB, "
                + w.report().runs().size() + " runs" + w.report().queueMarket().map(m -> ", ADL queue on " + m)
                .orElse("")
                + "); open it in a browser\n";
    }

    private String sweepReport(String[] runs, String market, String sweep, String out) {
        if (runs != null && runs.length > 0)
            throw new InputException("report: --sweep reports a sweep, not runs; give either run numbers or --sweep,"
                    + " not both");
        if (market != null) throw new InputException("report: --market draws a run's ADL queue; a sweep report has"
                + " none");
        SweepReportService.Written w = sweeps.report(sweep, out == null ? null : Path.of(out));
        return "wrote " + w.file() + " (" + String.format(Locale.ROOT, "%.1f", w.bytes() / 1024.0 / 1024.0)
                + " MB, sweep " + w.report().sweep().id() + ": " + w.report().points().size() + " points under "
                + w.report().contexts().size() + " stresses, " + w.report().frontier().size()
                + " on their stress's frontier); open it in a browser\n";
    }

    @Command(command = "export", description = "Write the report's data for runs as CSV files into a folder (one"
            + " sub-folder per run).")
    public String export(@Option(longNames = "runs", required = true, arity = OptionArity.ONE_OR_MORE,
                                 description = "one or more run numbers, or last") @OptionValues(
                                 provider = "runNames") String[] runs,
                         @Option(longNames = "out", required = true,
                                 description = "the folder to write into") String out) {
        List<Path> files = reports.export(List.of(runs), Path.of(out));
        StringBuilder b = new StringBuilder("wrote ").append(files.size()).append(" files into ").append(out)
                .append('\n');
        for (Path f : files) b.append("  ").append(f).append('\n');
        return b.toString();
    }
}
