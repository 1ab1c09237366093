package org.deleveraging.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deleveraging.input.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user can get wrong when asking for a report, and that a refused report leaves no file behind. */
class ReportServiceTest {
    final ReportFixture f = ReportFixture.get();
    @TempDir Path folder;

    @Test
    void a_market_the_runs_do_not_trade_is_refused_with_the_ones_they_do() {
        Path out = folder.resolve("r.html");
        assertThatThrownBy(() -> f.reports.report(f.both(), "DOGEUSDT", out)).isInstanceOf(InputException.class)
                .hasMessageContaining("'DOGEUSDT'").hasMessageContaining("BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT");
        assertThat(out).doesNotExist();
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void the_output_must_be_an_html_file() {
        assertThatThrownBy(() -> f.reports.report(f.both(), null, folder.resolve("r.pdf")))
                .isInstanceOf(InputException.class).hasMessageContaining(".html");
    }

    @Test
    void a_run_named_twice_or_not_at_all_is_refused() {
        String id = String.valueOf(f.bitmex.id());
        assertThatThrownBy(() -> f.reports.build(List.of(id, "#" + id), null)).hasMessageContaining("named twice");
        assertThatThrownBy(() -> f.reports.build(List.of(), null)).hasMessageContaining("at least one run");
        assertThatThrownBy(() -> f.reports.build(List.of("999"), null)).isInstanceOf(InputException.class);
    }

    @Test
    void a_report_of_one_run_says_there_is_nothing_to_compare_and_draws_its_queue_on_the_asked_market()
            throws Exception {
        Path out = folder.resolve("one.html");
        var w = f.reports.report(List.of("last"), null, out);
        assertThat(w.report().runs()).extracting(r -> r.run().id()).containsExactly(f.cappedProRata.id());
        Page page = new Page(Files.readString(out));
        assertThat(page.html()).contains("One run: nothing to compare.");
        assertThat(page.chartIds()).doesNotContain("chart-differing");

        var eth = f.reports.report(List.of(String.valueOf(f.bitmex.id())), "ETHUSDT", folder.resolve("eth.html"));
        assertThat(eth.report().queueMarket()).contains("ETHUSDT");
    }
}
