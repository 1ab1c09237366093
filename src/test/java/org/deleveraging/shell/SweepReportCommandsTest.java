package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.deleveraging.input.InputException;
import org.deleveraging.report.SweepReportService;
import org.deleveraging.support.InMemorySweeps;
import org.deleveraging.support.SweepPoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --sweep} and {@code sweep export} below the shell: what they refuse, and what they say they wrote. */
class SweepReportCommandsTest {
    final InMemorySweeps store = new InMemorySweeps();
    final SweepReportService sweeps = new SweepReportService(store,
            Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC));
    // the run report's service is not reached by anything tested here
    final ReportCommands report = new ReportCommands(null, sweeps);
    @TempDir Path folder;

    long sweep() {
        long id = store.createSweep("close-price", "sweeps/close-price.yaml", "", 36, "0.1.0");
        SweepPoints.grid().forEach(p -> store.savePoint(id, p));
        return id;
    }

    @Test
    void a_sweep_and_run_numbers_together_are_refused_in_one_line() {
        assertThatThrownBy(() -> report.report(new String[] {"1", "2"}, null, null, "1"))
                .isInstanceOf(InputException.class)
                .hasMessage("report: --sweep reports a sweep, not runs; give either run numbers or --sweep, not both");
    }

    @Test
    void a_report_needs_runs_or_a_sweep_and_a_sweep_report_has_no_market() {
        assertThatThrownBy(() -> report.report(null, "r.html", null, null))
                .hasMessage("report: name at least one run (see 'runs list') or a sweep with --sweep ID");
        assertThatThrownBy(() -> report.report(new String[] {"1"}, null, null, null))
                .hasMessage("--out: missing; name the .html file to write");
        assertThatThrownBy(() -> report.report(null, null, "BTCUSDT", "1")).hasMessageContaining("--market");
    }

    @Test
    void the_sweep_report_and_export_say_what_they_wrote() {
        long id = sweep();
        String html = folder.resolve("s.html").toString();
        assertThat(report.report(null, html, null, String.valueOf(id))).startsWith("wrote " + html + " (")
                .contains("sweep " + id + ": 36 points under 6 stresses, 24 on their stress's frontier)");
        String csv = folder.resolve("s.csv").toString();
        assertThat(new SweepReportCommands(sweeps).export("last", csv))
                .isEqualTo("wrote " + csv + " (36 points of sweep " + id + ")\n");
    }
}
