package org.deleveraging.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


import org.deleveraging.input.InputException;
import org.deleveraging.run.StoredRun;
import org.deleveraging.accounts.AccountSetRepository;
import org.deleveraging.run.RunRepository;
import org.deleveraging.run.RunReports;

/**
 * What the {@code report} and {@code export} commands do: name runs as the other commands do ({@code 12}, {@code #12},
 * {@code last}), build the report, write it. A report file appears whole or not at all: it is written next to its
 * target and moved into place.
 */
public final class ReportService {
    private final RunReports runs;
    private final ReportBuilder builder;
    private final CsvExport csv;
    private final Clock clock;

    public ReportService(RunRepository store, AccountSetRepository sets, RunReports runs, Clock clock) {
        RunTables tables = new RunTables(store);
        this.runs = runs;
        this.builder = new ReportBuilder(store, sets, tables);
        this.csv = new CsvExport(tables);
        this.clock = clock;
    }

    /** The file written and what it shows. */
    public record Written(Path file, long bytes, Report report) {}

    /** Builds the report of the named runs and writes it to {@code out} (an .html file). */
    public Written report(List<String> refs, String market, Path out) {
        if (out == null) throw new InputException("--out: missing; name the .html file to write");
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html"))
            throw new InputException("--out: '" + out + "' should name an .html file");
        if (Files.isDirectory(out)) throw new InputException("--out: '" + out
                + "' is a folder; name the .html file to write");
        Report report = build(refs, market);
        String html = HtmlReport.render(report);
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".report-", ".html.part");
            try {
                Files.writeString(tmp, html, StandardCharsets.UTF_8);
                move(tmp, out);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new Written(out, Files.size(out), report);
        } catch (IOException e) {
            throw new InputException("--out: cannot write '" + out + "': " + e.getMessage());
        }
    }

    /** Writes the CSV files of the named runs into {@code dir}; returns them. */
    public List<Path> export(List<String> refs, Path dir) {
        if (dir == null) throw new InputException("--out: missing; name the folder to write the CSV files into");
        if (Files.exists(dir)
                && !Files.isDirectory(dir)) throw new InputException("--out: '" + dir + "' is a file, not a folder");
        return csv.write(build(refs, null), dir);
    }

    /** Resolves run names and builds the report's model, for callers that write it themselves. */
    public Report build(List<String> refs, String market) {
        if (refs == null || refs.isEmpty()) throw new InputException("name at least one run (see 'runs list')");
        List<StoredRun> named = new ArrayList<>();
        for (String ref : refs) named.add(runs.run(ref));
        return builder.build(named, market, clock.instant());
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
