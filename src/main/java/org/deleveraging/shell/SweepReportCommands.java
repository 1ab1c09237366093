package org.deleveraging.shell;

import java.nio.file.Path;

import org.deleveraging.report.SweepReportService;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code sweep export}: a sweep's points as one CSV file, for a notebook or a spreadsheet. Beside the sweep commands
 * (group Sweeps) but kept apart from them: it only reads, through the report's service.
 */
@Command(group = "Sweeps")
public class SweepReportCommands {
    private final SweepReportService sweeps;

    public SweepReportCommands(SweepReportService sweeps) { this.sweeps = sweeps; }

    @Command(command = "sweep export", description = "Write a sweep's points as one CSV file: parameters, stress,"
            + " every metric exactly, result digest, kept run, and whether the point is on its stress's frontier.")
    public String export(@Option(longNames = "sweep", required = true, description = "a sweep number, or last")
                         @OptionValues(provider = "sweepNames") String sweep,
                         @Option(longNames = "out", description = "the .csv file to write (default"
                                 + " exports/sweep-ID.csv)") String out) {
        SweepReportService.Written w = sweeps.export(sweep, out == null ? null : Path.of(out));
        return "wrote " + w.file() + " (" + w.report().points().size() + " points of sweep "
                + w.report().sweep().id() + ")\n";
    }
}
