package org.deleveraging.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.deleveraging.input.InputException;
import org.deleveraging.sweep.PointResult;
import org.deleveraging.sweep.StoredSweep;
import org.deleveraging.sweep.SweepRef;
import org.deleveraging.sweep.SweepRepository;

/**
 * What {@code report --sweep} and {@code sweep export} do: name a sweep ({@code 3}, {@code #3} or {@code last}), read
 * its finished points through the {@link SweepRepository} port, build the frontier report, write it. A file appears
 * whole or not at all, as {@link ReportService} writes its own. An unfinished sweep is reported on what it finished,
 * and the page says so.
 */
public final class SweepReportService {
    private final SweepRepository sweeps;
    private final Clock clock;

    public SweepReportService(SweepRepository sweeps, Clock clock) {
        this.sweeps = sweeps;
        this.clock = clock;
    }

    /** The file written and what it shows. */
    public record Written(Path file, long bytes, SweepReport report) {}

    /** Where a report goes when {@code --out} is not given: beside the committee reports, named by the sweep. */
    public static Path defaultHtml(long sweepId) { return Path.of("reports", "sweep-" + sweepId + ".html"); }

    public static Path defaultCsv(long sweepId) { return Path.of("exports", "sweep-" + sweepId + ".csv"); }

    public Written report(String ref, Path out) {
        SweepReport r = build(ref);
        Path file = checked(out == null ? defaultHtml(r.sweep().id()) : out, ".html");
        return write(r, file, tmp -> writeString(tmp, SweepHtmlReport.render(r)));
    }

    public Written export(String ref, Path out) {
        SweepReport r = build(ref);
        Path file = checked(out == null ? defaultCsv(r.sweep().id()) : out, ".csv");
        return write(r, file, tmp -> SweepCsv.write(r, tmp));
    }

    /** Resolves the sweep's name and builds the report's model, for callers that write it themselves. */
    public SweepReport build(String ref) {
        StoredSweep sweep = sweep(ref);
        List<PointResult> points = sweeps.points(sweep.id());
        if (points.isEmpty())
            throw new InputException("sweep " + sweep.id() + " has no finished point yet; nothing to report");
        return SweepReport.of(sweep, points, clock.instant());
    }

    private StoredSweep sweep(String ref) { return SweepRef.resolve(sweeps, ref); }

    private static Path checked(Path out, String extension) {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension))
            throw new InputException("--out: '" + out + "' should name a " + extension + " file");
        if (Files.isDirectory(out))
            throw new InputException("--out: '" + out + "' is a folder; name the " + extension + " file to write");
        return out;
    }

    private static Written write(SweepReport r, Path out, Consumer<Path> writer) {
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".sweep-", ".part");
            try {
                writer.accept(tmp);
                ReportService.move(tmp, out);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new Written(out, Files.size(out), r);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException("--out: cannot write '" + out + "': " + e.getMessage());
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
