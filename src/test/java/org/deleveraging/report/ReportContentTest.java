package org.deleveraging.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deleveraging.engine.StepMetrics;
import org.deleveraging.run.QueuePoint;
import org.deleveraging.run.StoredRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report of two real runs ({@code bitmex} and {@code capped-pro-rata} on {@code oct-10}, see {@link
 * ReportFixture}), written to a file and read back: what it says must be what the store holds.
 */
class ReportContentTest {
    static ReportFixture f;
    static Page page;
    static JdbcClient sql;
    @TempDir static Path folder;

    @BeforeAll
    static void writeReport() throws Exception {
        f = ReportFixture.get();
        sql = JdbcClient.create(f.dataSource);
        Path out = folder.resolve("committee.html");
        ReportService.Written w = f.reports.report(f.both(), null, out);
        assertThat(w.file()).isEqualTo(out);
        page = new Page(Files.readString(out));
    }

    List<StoredRun> runs() { return List.of(f.bitmex, f.cappedProRata); }

    @Test
    void the_fixture_is_a_crash_that_ends_in_adl_under_bitmex_and_in_socialised_loss_under_capped_pro_rata() {
        assertThat(f.bitmex.summary().adlCount()).isPositive();
        assertThat(f.cappedProRata.summary().socialized()).isPositive();
    }

    @Test
    void the_header_names_policy_version_and_hash_account_set_scenario_seed_engine_and_date() {
        assertThat(page.html())
                .contains("<title>Deleveraging policies compared: bitmex vs capped-pro-rata on oct-10 (account set "
                + "committee)</title>");
        assertThat(page.html()).contains("Generated 2025-10-11 09:00 UTC");
        assertThat(page.provenance("policy"))
                .containsExactly("bitmex@" + f.bitmex.provenance().policyHash().substring(0, 8),
                "capped-pro-rata@" + f.cappedProRata.provenance().policyHash().substring(0, 8));
        assertThat(page.provenance("policy version"))
                .containsExactly(String.valueOf(f.bitmex.provenance().policyVersion()),
                String.valueOf(f.cappedProRata.provenance().policyVersion()));
        assertThat(page.data().get("runs").get(0).get("label").asText())
                .isEqualTo("run " + f.bitmex.id() + ": bitmex@" + f.bitmex.provenance().shortPolicyHash());
        assertThat(page.provenance("policy file hash")).containsExactly(f.bitmex.provenance().policyHash(),
                f.cappedProRata.provenance().policyHash());
        assertThat(page.provenance("account set hash")).containsOnly(f.bitmex.provenance().setHash());
        assertThat(page.provenance("account set"))
                .containsOnly("committee (600 accounts, " + f.bitmex.summary().positions() + " positions)");
        assertThat(page.provenance("scenario")).containsOnly("oct-10");
        assertThat(page.provenance("seed")).containsOnly(String.valueOf(f.bitmex.provenance().seed()));
        assertThat(page.provenance("engine version")).containsOnly("report-test");
        assertThat(page.provenance("run date")).containsOnly("2025-10-11 09:00 UTC");
    }

    @Test
    void the_metrics_side_by_side_are_the_stored_summaries() {
        assertThat(page.metric("liquidations")).containsExactly(
                String.valueOf(f.bitmex.summary().liquidations()),
                String.valueOf(f.cappedProRata.summary().liquidations()));
        assertThat(page.metric("liquidation_notional"))
                .containsExactlyElementsOf(money(r -> r.summary().liquidationNotional()));
        assertThat(page.metric("fund_start")).containsExactlyElementsOf(money(r -> r.summary().fundStart()));
        assertThat(page.metric("fund_end")).containsExactlyElementsOf(money(r -> r.summary().fundEnd()));
        assertThat(page.metric("bad_debt")).containsExactlyElementsOf(money(r -> r.summary().badDebt()));
        assertThat(page.metric("adl_count")).containsExactly(
                String.valueOf(f.bitmex.summary().adlCount()), String.valueOf(f.cappedProRata.summary().adlCount()));
        assertThat(page.metric("adl_notional")).containsExactlyElementsOf(money(r -> r.summary().adlNotional()));
        assertThat(page.metric("adl_overshoot")).containsExactlyElementsOf(money(r -> r.summary().adlOvershoot()));
        assertThat(page.metric("socialized")).containsExactlyElementsOf(money(r -> r.summary().socialized()));
        assertThat(page.metric("max_haircut_equity_account")).containsExactly(
                f.bitmex.summary().maxHaircutEquityAccount(), f.cappedProRata.summary().maxHaircutEquityAccount());
        assertThat(page.metric("max_haircut_profit"))
                .containsExactlyElementsOf(pct(r -> BigDecimal.valueOf(r.summary().maxHaircutProfitShare())));
    }

    @Test
    void the_figures_the_report_derives_agree_with_the_stored_rows() {
        List<String> liquidated = new ArrayList<>();
        List<String> fundMin = new ArrayList<>();
        List<String> hhi = new ArrayList<>();
        for (StoredRun r : runs()) {
            liquidated.add(String.valueOf(
                    sql.sql("SELECT COUNT(*) FROM run_outcome WHERE run_id = ? AND liquidated_notional > 0")
                    .param(r.id()).query(Integer.class).single()));
            BigDecimal lowestStep = sql.sql("SELECT MIN(fund_balance) FROM run_step WHERE run_id = ?").param(r.id())
                    .query(BigDecimal.class).single();
            fundMin.add(Numbers.money(lowestStep.min(r.summary().fundStart())));
            BigDecimal squares =
                    sql.sql("SELECT SUM(haircut * haircut) FROM run_outcome WHERE run_id = ? AND haircut > 0")
                    .param(r.id()).query(BigDecimal.class).single();
            BigDecimal total = sql.sql("SELECT SUM(haircut) FROM run_outcome WHERE run_id = ? AND haircut > 0")
                    .param(r.id()).query(BigDecimal.class).single();
            hhi.add(squares.divide(total.multiply(total), MathContext.DECIMAL64)
                    .setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
        }
        assertThat(page.metric("accounts_liquidated")).containsExactlyElementsOf(liquidated);
        assertThat(page.metric("fund_min")).containsExactlyElementsOf(fundMin);
        assertThat(page.metric("concentration")).containsExactlyElementsOf(hhi);
    }

    /**
     * Issue 22: the shortfall, fund paid and ADL covered rows are the stored steps summed, their hover text defines
     * them as the step table does, and they add up: bitmex and capped pro-rata have no backstop vault, so shortfall =
     * fund paid + ADL covered + socialised + bad debt, and fund paid = fund start - fund end + fees and surpluses.
     */
    @Test
    void the_shortfall_rows_are_the_stored_steps_summed_defined_on_hover_and_add_up() {
        List<String> shortfall = new ArrayList<>(), paid = new ArrayList<>(), covered = new ArrayList<>(),
                layers = new ArrayList<>();
        for (StoredRun r : runs()) {
            BigDecimal[] sums =
                    sql.sql("SELECT SUM(shortfall), SUM(fund_paid), SUM(adl_covered), SUM(socialized), SUM(bad_debt)"
                    + " FROM run_step WHERE run_id = ?").param(r.id()).query((rs, n) -> new BigDecimal[] {
                    rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                            rs.getBigDecimal(5)}).single();
            shortfall.add(Numbers.money(sums[0]));
            paid.add(Numbers.money(sums[1]));
            covered.add(Numbers.money(sums[2]));
            layers.add(Numbers.money(sums[1].add(sums[2]).add(sums[3]).add(sums[4])));
        }
        assertThat(page.metric("shortfall")).containsExactlyElementsOf(shortfall).containsExactlyElementsOf(layers);
        assertThat(page.metric("fund_paid")).containsExactlyElementsOf(paid)
                .containsExactlyElementsOf(money(r -> r.summary().fundPaid()));
        assertThat(page.metric("adl_covered")).containsExactlyElementsOf(covered)
                .containsExactlyElementsOf(money(r -> r.summary().adlCovered()));
        assertThat(page.html()).contains(Html.esc(org.deleveraging.engine.StepMetrics.SHORTFALL))
                .contains(Html.esc(org.deleveraging.engine.StepMetrics.FUND_PAID))
                .contains(Html.esc(org.deleveraging.engine.StepMetrics.IDENTITY));
    }

    @Test
    void the_top_winners_bear_a_share_between_none_and_all_and_the_top_tenth_at_least_what_the_top_hundredth_bears() {
        for (int run = 0; run < 2; run++) {
            BigDecimal top1 = percent(page.metric("top1_share").get(run));
            BigDecimal top10 = percent(page.metric("top10_share").get(run));
            assertThat(top1).isBetween(BigDecimal.ZERO, new BigDecimal("100"));
            assertThat(top10).isBetween(top1, new BigDecimal("100"));
        }
    }

    @Test
    void the_chart_data_holds_each_runs_stored_steps() {
        JsonNode data = page.data();
        assertThat(data.get("runs")).hasSize(2);
        assertThat(data.get("marks").fieldNames()).toIterable()
                .containsExactly("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT");
        for (int run = 0; run < 2; run++) {
            List<StepMetrics> steps = f.store.runSteps(runs().get(run).id());
            assertThat(data.get("steps")).hasSize(steps.size());
            for (int i = 0; i < steps.size(); i++) {
                assertThat(data.get("fund").get(run).get(i).decimalValue())
                        .isEqualByComparingTo(steps.get(i).fundBalance());
                assertThat(data.get("adl").get(run).get(i).decimalValue())
                        .isEqualByComparingTo(steps.get(i).adlNotional());
                assertThat(data.get("liquidated").get(run).get(i).decimalValue())
                        .isEqualByComparingTo(steps.get(i).liquidationNotional());
                assertThat(data.get("marks").get("SOLUSDT").get(run).get(i).decimalValue())
                        .isEqualByComparingTo(steps.get(i).marks().get("SOLUSDT"));
            }
        }
    }

    @Test
    void the_haircut_distributions_add_up_to_each_runs_total_haircut() {
        JsonNode data = page.data();
        assertThat(data.get("leverage").get("labels")).hasSize(HaircutDistribution.leverageLabels().size());
        assertThat(data.get("profit").get("labels")).hasSize(10);
        for (int run = 0; run < 2; run++) {
            BigDecimal total =
                    sql.sql("SELECT COALESCE(SUM(haircut), 0) FROM run_outcome WHERE run_id = ? AND haircut > 0")
                    .param(runs().get(run).id()).query(BigDecimal.class).single();
            assertThat(total).isPositive();
            assertThat(sum(data.get("leverage").get("haircut").get(run))).isEqualByComparingTo(total);
            assertThat(sum(data.get("profit").get("haircut").get(run))).isEqualByComparingTo(total);
            int accounts = 0;
            for (JsonNode n : data.get("profit").get("accounts").get(run)) accounts += n.asInt();
            assertThat(accounts).isEqualTo(600);
        }
    }

    @Test
    void the_adl_queue_is_bitmexs_at_the_step_adl_closed_most_with_its_indicator_and_capped_pro_rata_has_none() {
        JsonNode queue = page.data().get("queue");
        String market = queue.get("market").asText();
        var heaviest = sql.sql("""
                        SELECT step, side FROM run_event WHERE run_id = ? AND kind = 'ADL' AND market = ?
                        GROUP BY step, side ORDER BY COUNT(*) DESC, step FETCH FIRST 1 ROW ONLY""")
                .param(f.bitmex.id()).param(market).query((rs, i) -> List.of(rs.getString(1), rs.getString(2)))
                .single();
        QueuePoint point = f.store.queuePoints(f.bitmex.id(), market).stream()
                .filter(p -> String.valueOf(p.step()).equals(heaviest.get(0)) && p.side().equals(heaviest.get(1)))
                .findFirst().orElseThrow();
        JsonNode bitmex = queue.get("runs").get(0);
        assertThat(bitmex.get("step").asInt()).isEqualTo(point.step());
        assertThat(bitmex.get("side").asText()).isEqualTo(point.side());
        assertThat(bitmex.get("length").asInt()).isEqualTo(point.length());
        var stored = f.store.queue(f.bitmex.id(), point, 1, point.length());
        List<String> closed = sql.sql("""
                        SELECT DISTINCT account_id FROM run_event
                        WHERE run_id = ? AND kind = 'ADL' AND market = ? AND step = ? AND side = ?""")
                .param(f.bitmex.id()).param(market).param(point.step()).param(point.side()).query(String.class).list();
        assertThat(bitmex.get("account")).hasSize(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            assertThat(bitmex.get("account").get(i).asText()).isEqualTo(stored.get(i).accountId());
            assertThat(bitmex.get("lights").get(i).asInt()).isEqualTo(stored.get(i).lights());
            assertThat(bitmex.get("deleveraged").get(i).asBoolean())
                    .isEqualTo(closed.contains(stored.get(i).accountId()));
        }
        assertThat(bitmex.get("lights").get(0).asInt()).isEqualTo(5);
        assertThat(closed).isNotEmpty();
        assertThat(queue.get("runs").get(1).isNull()).isTrue();
        assertThat(page.html()).contains("Run " + f.cappedProRata.id() + " ranked no ADL queue on " + market);
    }

    @Test
    void the_accounts_that_differ_most_are_the_stores_and_in_its_order() {
        var expected = f.store.mostDifferentAccounts(List.of(f.bitmex.id(), f.cappedProRata.id()),
                ReportBuilder.DIFFERING);
        assertThat(expected).isNotEmpty();
        List<String> shown = new ArrayList<>();
        page.data().get("differing").get("accounts").forEach(n -> shown.add(n.asText()));
        assertThat(shown).containsExactlyElementsOf(expected.stream().map(s -> s.accountId()).toList());
    }

    @Test
    void every_chart_has_its_container() {
        assertThat(page.chartIds()).containsExactly("chart-marks-BTCUSDT", "chart-marks-ETHUSDT", "chart-marks-SOLUSDT",
                "chart-marks-XRPUSDT", "chart-fund", "chart-liquidated", "chart-adl", "chart-leverage", "chart-profit",
                "chart-queue-" + f.bitmex.id(), "chart-differing");
    }

    @Test
    void nothing_on_the_page_is_fetched_from_elsewhere() {
        String markup = page.markupOnly();
        assertThat(markup).doesNotContainPattern("(?i)\\b(src|href|srcset|poster|action)\\s*=");
        assertThat(markup).doesNotContainPattern("(?i)<(link|iframe|img|object|embed)\\b");
        assertThat(markup).doesNotContainPattern("(?i)url\\(|@import");
        assertThat(page.scriptTags()).isNotEmpty().allSatisfy(tag -> assertThat(tag).doesNotContainIgnoringCase("src"));
        // what addresses there are, are XML namespaces ECharts writes into SVG and licence notices: none is requested
        assertThat(page.addresses()).allSatisfy(a -> assertThat(a).matches(
                "http://www\\.w3\\.org/.*|https?://www\\.apache\\.org/licenses/.*"
                        + "|https://github\\.com/ecomfe/zrender/blob/master/LICENSE\\.txt"));
        assertThat(page.html()).contains("echarts");
    }

    private List<String> money(java.util.function.Function<StoredRun, BigDecimal> f) {
        return runs().stream().map(f).map(Numbers::money).toList();
    }

    private List<String> pct(java.util.function.Function<StoredRun, BigDecimal> f) {
        return runs().stream().map(f).map(Numbers::pct).toList();
    }

    private static BigDecimal percent(String shown) { return new BigDecimal(shown.replace(" %", "")); }

    private static BigDecimal sum(JsonNode values) {
        BigDecimal s = BigDecimal.ZERO;
        for (JsonNode n : values) s = s.add(n.decimalValue());
        return s;
    }
}
