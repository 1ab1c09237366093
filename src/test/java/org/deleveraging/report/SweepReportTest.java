package org.deleveraging.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deleveraging.input.InputException;
import org.deleveraging.support.InMemorySweeps;
import org.deleveraging.support.SweepPoints;
import org.deleveraging.sweep.PointMetrics;
import org.deleveraging.sweep.PointResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/** The frontier report of a fabricated sweep, read back: its frontier table, its chart data and its CSV. */
class SweepReportTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    final InMemorySweeps store = new InMemorySweeps();
    final SweepReportService reports = new SweepReportService(store, CLOCK);
    final List<PointResult> grid = SweepPoints.grid();
    long id;
    @TempDir Path folder;

    @BeforeEach
    void storeTheSweep() {
        id = store.createSweep("close-price", "sweeps/close-price.yaml", "policies: ...", grid.size(), "0.1.0");
        grid.forEach(p -> store.savePoint(id, p));
    }

    /** The points no point of the same stress dominates, by the definition, not by the report's code. */
    List<Integer> nonDominated(SweepMetric x, SweepMetric y) {
        List<Integer> out = new ArrayList<>();
        for (PointResult b : grid) {
            boolean dominated = grid.stream().anyMatch(a -> StressContext.of(a.point()).equals(StressContext.of(
                    b.point())) && ParetoFrontier.dominates(x.of(a.metrics()), y.of(a.metrics()), x.of(b.metrics()),
                    y.of(b.metrics())));
            if (!dominated) out.add(b.point().number());
        }
        return out;
    }

    static List<Integer> tableRows(String html, String table) {
        int from = html.indexOf("<table id=\"" + table + "\"");
        String body = html.substring(from, html.indexOf("</table>", from));
        List<Integer> out = new ArrayList<>();
        Matcher m = Pattern.compile("<tr data-point=\"(\\d+)\"").matcher(body);
        while (m.find()) out.add(Integer.parseInt(m.group(1)));
        return out;
    }

    @Test
    void the_frontier_table_lists_exactly_the_points_no_point_of_their_stress_dominates() throws IOException {
        Path out = folder.resolve("sweep.html");
        reports.report(String.valueOf(id), out);
        String html = Files.readString(out);

        List<Integer> expected = nonDominated(SweepMetric.BAD_DEBT, SweepMetric.MAX_HAIRCUT);
        assertThat(expected).isNotEmpty().hasSizeLessThan(grid.size());
        assertThat(tableRows(html, "frontier-table")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(html).contains("<th id=\"frontier-x\">bad debt, % of the bankruptcies&#39; shortfall</th>")
                .contains("<th id=\"frontier-y\">largest haircut, % of that account&#39;s equity</th>")
                .contains("Lower is better on every axis")
                .contains("<option value=\"0\" selected>demo oct-10, severity 1, fund x0.5, seed 7</option>")
                .doesNotContain("id=\"incomplete\"");
    }

    @Test
    void every_pair_of_axes_the_page_offers_has_its_frontier_computed_here() {
        var data = new Page(SweepHtmlReport.render(reports.build("last"))).data();
        for (SweepMetric x : SweepMetric.ALL)
            for (SweepMetric y : SweepMetric.ALL) {
                List<Integer> shown = new ArrayList<>();
                data.get("frontier").get(x.key() + "|" + y.key()).forEach(n -> shown.add(n.asInt()));
                assertThat(shown).as(x.key() + " against " + y.key())
                        .containsExactlyInAnyOrderElementsOf(nonDominated(x, y));
            }
        assertThat(data.get("params")).extracting(p -> p.get("key").asText())
                .containsExactly("severity", "fundScale", "adl.closePrice");
        assertThat(data.get("worst")).hasSize(6);
    }

    @Test
    void the_worst_case_table_names_the_stress_each_worst_came_from() throws IOException {
        String html = SweepHtmlReport.render(reports.build(String.valueOf(id)));
        List<String> expected = SweepFrontiers.worstFrontier(SweepFrontiers.worstCases(grid, SweepMetric.BAD_DEBT,
                SweepMetric.MAX_HAIRCUT)).stream().map(SweepFrontiers.Worst::variant).toList();
        assertThat(expected).isNotEmpty();
        for (String v : expected) assertThat(html).contains("<tr data-variant=\"" + v + "\">");
        assertThat(html).contains("Worst case across the sweep's stresses, per policy variant")
                .contains("(point ");
    }

    @Test
    void the_csv_has_one_row_per_point_and_reads_back_every_value_exactly() throws IOException {
        Path out = folder.resolve("sweep.csv");
        reports.export("#" + id, out);
        List<Map<String, String>> rows = read(out);

        assertThat(rows).hasSize(grid.size());
        List<Integer> frontier = nonDominated(SweepMetric.BAD_DEBT, SweepMetric.MAX_HAIRCUT);
        for (int i = 0; i < grid.size(); i++) {
            PointResult p = grid.get(i);
            PointMetrics m = p.metrics();
            Map<String, String> row = rows.get(i);
            assertThat(row.get("point")).isEqualTo(String.valueOf(p.point().number()));
            assertThat(row.get("policy")).isEqualTo(p.point().policyId());
            assertThat(row.get("adl.closePrice")).isEqualTo(p.point().changes().get("adl.closePrice"));
            assertThat(new BigDecimal(row.get("severity"))).isEqualByComparingTo(p.point().severity());
            assertThat(new BigDecimal(row.get("fund_scale"))).isEqualByComparingTo(p.point().fundScale());
            assertThat(row.get("seed")).isEqualTo("7");
            assertThat(new BigDecimal(row.get("bad_debt"))).isEqualByComparingTo(m.badDebt());
            assertThat(new BigDecimal(row.get("shortfall"))).isEqualByComparingTo(m.shortfall());
            assertThat(new BigDecimal(row.get("open_interest"))).isEqualByComparingTo(m.openInterest());
            assertThat(new BigDecimal(row.get("concentration"))).isEqualByComparingTo(m.concentration());
            assertThat(Double.parseDouble(row.get("max_haircut_equity_share"))).isEqualTo(m.maxHaircutEquityShare());
            assertThat(Double.parseDouble(row.get("market_impact"))).isEqualTo(m.marketImpact());
            assertThat(Double.parseDouble(row.get("bad_debt_share_of_shortfall")))
                    .isEqualTo(m.badDebtShareOfShortfall());
            assertThat(Integer.parseInt(row.get("adl_count"))).isEqualTo(m.adlCount());
            assertThat(row.get("result_digest")).isEqualTo(m.resultDigest());
            assertThat(row.get("run_id")).isEqualTo(p.runId() == null ? "" : String.valueOf(p.runId()));
            assertThat(row.get("on_frontier")).isEqualTo(String.valueOf(frontier.contains(p.point().number())));
        }
    }

    @Test
    void without_out_the_files_go_beside_the_committee_reports_named_by_the_sweep() {
        assertThat(SweepReportService.defaultHtml(3)).isEqualTo(Path.of("reports", "sweep-3.html"));
        assertThat(SweepReportService.defaultCsv(3)).isEqualTo(Path.of("exports", "sweep-3.csv"));
    }

    @Test
    void an_unknown_sweep_a_wrong_file_type_and_a_sweep_without_points_are_refused_in_one_line() {
        assertThatThrownBy(() -> reports.build("99")).isInstanceOf(InputException.class)
                .hasMessage("--sweep: no sweep 99 (see 'sweep list')");
        assertThatThrownBy(() -> reports.build("x")).hasMessageContaining("not a sweep number");
        assertThatThrownBy(() -> reports.report(String.valueOf(id), folder.resolve("r.pdf")))
                .hasMessageContaining(".html");
        assertThatThrownBy(() -> reports.export(String.valueOf(id), folder.resolve("r.html")))
                .hasMessageContaining(".csv");
        long empty = store.createSweep("empty", "e.yaml", "", 4, "0.1.0");
        assertThatThrownBy(() -> reports.build(String.valueOf(empty)))
                .hasMessage("sweep " + empty + " has no finished point yet; nothing to report");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void an_unfinished_sweep_is_reported_on_what_it_finished_and_says_so() {
        long half = store.createSweep("half", "h.yaml", "", grid.size(), "0.1.0");
        grid.subList(0, 10).forEach(p -> store.savePoint(half, p));
        String html = SweepHtmlReport.render(reports.build("last"));
        assertThat(html).contains("id=\"incomplete\"").contains("10 of 36 points are shown");
    }

    static List<Map<String, String>> read(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(mapper.schemaWithHeader()).with(CsvParser.Feature.EMPTY_STRING_AS_NULL).readValues(
                        file.toFile())) {
            List<Map<String, String>> rows = it.readAll();
            rows.forEach(r -> r.replaceAll((k, v) -> v == null ? "" : v));
            return rows;
        }
    }
}
