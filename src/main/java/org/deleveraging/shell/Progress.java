package org.deleveraging.shell;

import java.io.PrintWriter;

import org.jline.terminal.Terminal;

/**
 * A one-line progress bar for long runs and imports, redrawn in place. It stays silent for work that finishes
 * within a few batches, and on a terminal that cannot redraw a line (a pipe, a test) it prints nothing at all, so
 * scripted output holds only results.
 */
final class Progress {
    /** Below this many units a phase is too short to be worth a bar. */
    private static final long MIN_TOTAL = 20_000;
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean live;
    private String drawn = "";
    private boolean shown;

    Progress(Terminal terminal) {
        this.out = terminal.writer();
        this.live = !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    void update(String phase, long done, long total) { update(phase, done, total, ""); }

    /** As above, with {@code after} written after the percentage (a count, an ETA). */
    void update(String phase, long done, long total, String after) {
        if (!live || total < MIN_TOTAL && !phase.startsWith("running")) return;
        if (phase.startsWith("running") && total < 3) return;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * Math.min(done, total) / total);
        String line = String.format("\r%-20s [%s%s] %3d%%", phase.length() > 20 ? phase.substring(0, 20) : phase,
                "#".repeat(filled), " ".repeat(WIDTH - filled), total == 0 ? 100 : 100 * Math.min(done, total) / total)
                + after;
        if (line.equals(drawn)) return;
        out.print(line);
        out.flush();
        drawn = line;
        shown = true;
    }

    /** Clears the bar so the result (or the error, or the cancellation) prints on a clean line. */
    void done() {
        if (!shown) return;
        out.print("\r" + " ".repeat(drawn.length()) + "\r");
        out.flush();
        shown = false;
        drawn = "";
    }
}
