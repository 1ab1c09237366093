package org.deleveraging.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;


import org.deleveraging.report.ReportService;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code report} and {@code export}: stored runs as a committee report in HTML, and as CSV files. */
@Command(group = "Reports")
public class ReportCommands {
    private final ReportService reports;

    public ReportCommands(ReportService reports) { this.reports = reports; }

    @Command(command = "report",
            description = "Write a self-contained HTML report comparing runs (metrics side by side,"
            + " charts; opens in a browser with no network).")
    public String report(@Option(longNames = "runs", required = true, arity = OptionArity.ONE_OR_MORE,
                                 description = "one or more run numbers, or last") @OptionValues(
                                 provider = "runNames") String[] runs,
                         @Option(longNames = "out", required = true,
                                 description = "the .html file to write") String out,
                         @Option(longNames = "market", description = "the market whose ADL queue to draw"
                                 + " (default: the one with the longest queues)") String market) {
        ReportService.Written w = reports.report(List.of(runs), market, Path.of(out));
        return "wrote " + w.file() + " (" + String.format(Locale.ROOT, "%.1f", w.bytes() / 1024.0 / 1024.0) + " MB, "
                + w.report().runs().size() + " runs" + w.report().queueMarket().map(m -> ", ADL queue on " + m)
                .orElse("")
                + "); open it in a browser\n";
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
