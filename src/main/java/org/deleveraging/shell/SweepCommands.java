package org.deleveraging.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deleveraging.input.InputException;
import org.deleveraging.sweep.PointMetrics;
import org.deleveraging.sweep.PointResult;
import org.deleveraging.sweep.StoredSweep;
import org.deleveraging.sweep.SweepService;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code sweep run|resume|list|show}: a grid of runs over policies, their variants and stresses. */
@Command(command = "sweep", group = "Sweeps")
public class SweepCommands {
    private final SweepService sweeps;
    private final Interrupts interrupts;

    public SweepCommands(SweepService sweeps, Interrupts interrupts) {
        this.sweeps = sweeps;
        this.interrupts = interrupts;
    }

    @Command(command = "run", description = "Run a sweep definition (YAML: policies, what they vary, account sets,"
            + " scenarios, severities, fund scales, seeds) on this machine's cores, storing each point's metrics under"
            + " a sweep id as it finishes. Ctrl-C stops it; `sweep resume` runs the rest.")
    public String run(@Option(longNames = "file", required = true, description = "the sweep definition") String file,
                      @Option(longNames = "threads", description = "points at once (default: one per core)")
                      Integer threads,
                      @Option(longNames = "keep-runs", description = "points that keep their whole run, for explain"
                              + " and compare: all, or numbers such as 1,5,7") String keep,
                      CommandContext ctx) {
        Path path = Path.of(file);
        String display = file.replace('\\', '/');
        String yaml;
        try {
            yaml = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(display, 0, null, "cannot read file: " + e.getMessage());
        }
        SweepService.Options options = options(threads, keep);
        return report(ctx, (listener, cancel) -> sweeps.run(yaml, display, options, listener, cancel));
    }

    @Command(command = "resume", description = "Run the points of an interrupted sweep that have not finished, with"
            + " the policy variants, account sets and scenarios it started with.")
    public String resume(@Option(longNames = "sweep", required = true, description = "a sweep number, or last")
                         @OptionValues(provider = "sweepNames") String ref,
                         @Option(longNames = "threads", description = "points at once (default: one per core)")
                         Integer threads,
                         @Option(longNames = "keep-runs", description = "points that keep their whole run: all, or"
                                 + " numbers such as 1,5,7") String keep,
                         CommandContext ctx) {
        SweepService.Options options = options(threads, keep);
        long id = sweeps.sweep(ref).id();
        return report(ctx, (listener, cancel) -> sweeps.resume(id, options, listener, cancel));
    }

    @Command(command = "list", description = "List the stored sweeps, newest first.")
    public String list() {
        TextTable t = new TextTable(">sweep", "name", ">points", ">finished", "created", "definition");
        for (StoredSweep s : sweeps.list())
            t.row(s.id(), s.name(), s.points(), s.finished(), s.createdAt().toString(), s.source());
        return t.toString();
    }

    @Command(command = "show", description = "Show a sweep's points with their headline figures: bad debt over the"
            + " shortfall, the largest haircut over its account's equity, the fund drawn over its start, the market"
            + " impact.")
    public String show(@Option(longNames = "sweep", required = true, description = "a sweep number, or last")
                       @OptionValues(provider = "sweepNames") String ref) {
        StoredSweep s = sweeps.sweep(ref);
        long id = s.id();
        List<PointResult> points = sweeps.points(id);
        StringBuilder b = new StringBuilder("sweep " + s.id() + " " + s.name() + " (" + s.source() + "): "
                + s.finished() + " of " + s.points() + " points finished"
                + (s.complete() ? "" : "; `sweep resume --sweep " + id + "` runs the rest") + "\n");
        TextTable t = new TextTable(">point", "policy", "changes", "stress", ">bad debt/shortfall",
                ">max haircut/equity", ">fund drawn/start", ">ADL", ">impact", ">run");
        for (PointResult r : points) {
            PointMetrics m = r.metrics();
            t.row(r.point().number(), r.point().policyId(), r.point().changesText(), r.point().stress(),
                    Show.pct(m.badDebtShareOfShortfall()), Show.pct(m.maxHaircutEquityShare()),
                    Show.pct(m.fundDrawnShare()), m.adlCount(), Show.pct(m.marketImpact()),
                    r.runId() == null ? "-" : r.runId());
        }
        return b + t.toString();
    }

    /** A sweep's work, given how to report each point and how to be cancelled. */
    private interface Work {
        SweepService.Outcome run(SweepService.Listener listener, org.deleveraging.engine.Cancellation cancel);
    }

    private String report(CommandContext ctx, Work work) {
        Progress bar = new Progress(ctx.getTerminal());
        long t0 = System.nanoTime();
        int[] atStart = {-1};
        SweepService.Listener listener = (sweepId, done, total, point) -> {
            if (atStart[0] < 0) atStart[0] = done - 1;
            bar.update("running sweep " + sweepId, done, total, "  " + done + "/" + total + eta(t0, done - atStart[0],
                    total - done));
        };
        SweepService.Outcome o;
        try (Interrupts.Command command = interrupts.begin()) {
            o = work.run(listener, command.cancellation());
        } finally {
            bar.done();
        }
        StoredSweep s = o.sweep();
        String head = "sweep " + s.id() + " " + s.name() + ": " + o.ranNow() + " points run in "
                + String.format("%.1f s", o.millis() / 1000.0)
                + (o.finishedBefore() > 0 ? " (" + o.finishedBefore() + " had finished before)" : "") + "; "
                + s.finished() + " of " + s.points() + " stored\n";
        if (o.cancelled() || !s.complete())
            return head + "interrupted: the finished points are kept; `sweep resume --sweep " + s.id()
                    + "` runs the rest\n";
        return head + "`sweep show --sweep " + s.id() + "` lists the points, `report --sweep " + s.id()
                + "` draws the frontier\n";
    }

    /** " ETA m:ss" from the pace of the points this call ran. */
    static String eta(long startNanos, int ranNow, int left) {
        if (ranNow <= 0 || left <= 0) return "";
        double perPoint = (System.nanoTime() - startNanos) / 1e9 / ranNow;
        long seconds = Math.round(perPoint * left);
        return String.format("  ETA %d:%02d", seconds / 60, seconds % 60);
    }

    static SweepService.Options options(Integer threads, String keep) {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1 || n > 256) throw new InputException("--threads: between 1 and 256, got " + n);
        return new SweepService.Options(n, SweepService.Options.keepRuns(keep));
    }
}
