package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import org.deleveraging.accounts.DemoData;
import org.deleveraging.accounts.GeneratorSettings;
import org.deleveraging.report.HtmlReport;
import org.deleveraging.report.Report;
import org.deleveraging.report.ReportService;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.run.StoredRun;
import org.deleveraging.store.TempStore;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyFolders;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunProgress;
import org.deleveraging.run.RunReports;
import org.deleveraging.run.RunService;
import org.deleveraging.scenario.ScenarioService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code runs list}, {@code compare}, {@code report} and {@code export} say about runs that are easy to confuse:
 * a champion and a challenger made by editing one policy (same id, same version, different files), and runs over two
 * different books whose account ids coincide. Three small runs on one store.
 */
class RunComparisonTest {
    @TempDir static Path folder;
    static TempStore db;
    static RunReports reports;
    static ReportService reportService;
    static AccountSetService sets;
    static StoredRun champion;
    static StoredRun challenger;
    static StoredRun otherBook;

    @BeforeAll
    static void runs() throws IOException {
        db = new TempStore(folder);
        Clock clock = Clock.fixed(TempStore.NOW, ZoneOffset.UTC);
        sets = new AccountSetService(db.store);
        generate("book", 250, 42);
        generate("other-book", 250, 7);
        ScenarioService scenarios = new ScenarioService(db.store, clock);
        Path championFolder = PolicyFolders.copy(folder.resolve("champion"), "bitmex");
        Path challengerFolder = PolicyFolders.copy(folder.resolve("challenger"), "bitmex");
        // the committee's edit: the same policy id and version: only its files differ
        Files.writeString(challengerFolder.resolve("bitmex/policy.yaml"), "\n# challenger: reviewed edit\n",
                StandardOpenOption.APPEND);
        RunService a = new RunService(db.store,
                new PolicyRegistry(championFolder, folder.resolve("champion/rules"), "bitmex"),
                sets, scenarios, clock, "test");
        RunService b = new RunService(db.store,
                new PolicyRegistry(challengerFolder, folder.resolve("challenger/rules"), "bitmex"),
                sets, scenarios, clock, "test");
        champion = a.run("bitmex", "book", "oct-10", null, RunProgress.NONE);
        challenger = b.run("bitmex", "book", "oct-10", null, RunProgress.NONE);
        otherBook = a.run("bitmex", "other-book", "oct-10", null, RunProgress.NONE);
        reports = new RunReports(db.store);
        reportService = new ReportService(db.store, db.store, reports, clock);
    }

    @AfterAll
    static void close() { db.close(); }

    static String shortHash(StoredRun r) { return r.provenance().policyHash().substring(0, 8); }

    @Test
    void champion_and_challenger_are_told_apart_by_their_policy_hash_in_runs_list_compare_explain_and_the_report() {
        assertThat(shortHash(champion)).isNotEqualTo(shortHash(challenger));
        assertThat(champion.provenance().policyVersion()).isEqualTo(challenger.provenance().policyVersion());

        String list = new RunsCommands(reports, sets, null).list();
        assertThat(list).contains("bitmex@" + shortHash(champion)).contains("bitmex@" + shortHash(challenger))
                .doesNotContain(" v1");

        String compare = new RunCommands(null, reports, null).compare(ids(champion, challenger), 5);
        assertThat(compare)
                .containsPattern("policy +bitmex@" + shortHash(champion) + " +bitmex@" + shortHash(challenger));

        assertThat(RunText.header(challenger))
                .startsWith("run " + challenger.id() + ": bitmex@" + shortHash(challenger) + " x book x oct-10");

        String html = HtmlReport.render(reportService.build(List.of(ids(champion, challenger)), null));
        assertThat(html).contains(">run " + champion.id() + ": bitmex@" + shortHash(champion) + "<")
                .contains("<td>bitmex@" + shortHash(challenger) + "</td>");
    }

    @Test
    void runs_over_different_account_sets_are_compared_in_aggregate_only_with_a_notice() {
        RunReports.Comparison c = reports.compare(List.of(ids(champion, otherBook)), 10);
        assertThat(c.accounts()).isEmpty();
        assertThat(c.notice()).hasValueSatisfying(n -> assertThat(n)
                .startsWith("the runs used different account sets (book ").contains(", other-book ")
                .endsWith("only the aggregate figures are compared; accounts are not matched by id across different "
                        + "books"));

        String text = new RunCommands(null, reports, null).compare(ids(champion, otherBook), 10);
        assertThat(text).contains("liquidations").contains("largest haircut")
                .contains("\nnotice: the runs used different account sets (book ")
                .doesNotContain("accounts whose outcome differs most");
        assertThat(text.lines().filter(l -> l.startsWith("notice:"))).hasSize(1);

        Report report = reportService.build(List.of(ids(champion, otherBook)), null);
        assertThat(report.differing()).isEmpty();
        assertThat(report.differingNotice()).isEqualTo(c.notice());
        String html = HtmlReport.render(report);
        assertThat(html).contains(
                "id=\"differing-notice\">Not compared account by account: the runs used different account sets")
                .doesNotContain("id=\"differing-table\"").doesNotContain("id=\"chart-differing\"");
    }

    @Test
    void runs_over_the_same_account_set_still_name_the_accounts_treated_most_differently() {
        RunReports.Comparison c = reports.compare(List.of(ids(champion, challenger)), 10);
        assertThat(c.notice()).isEmpty();
        assertThat(reportService.build(List.of(ids(champion, challenger)), null).differingNotice()).isEmpty();
    }

    @Test
    void the_export_of_runs_over_different_sets_writes_no_per_account_comparison(@TempDir Path out) {
        List<Path> files = reportService.export(List.of(ids(champion, otherBook)), out);
        assertThat(files).contains(out.resolve("metrics.csv"));
        assertThat(files).noneMatch(f -> f.getFileName().toString().equals("differing-accounts.csv"));
    }

    /**
     * A run stored before the profit share was redefined (the V5 migration leaves its basis empty) keeps its old,
     * uncapped figure, and everything that shows it says it is the old measure; new runs name their denominator.
     */
    @Test
    void a_run_stored_before_the_profit_share_was_redefined_shows_its_figure_as_the_old_measure() {
        StoredRun fresh = db.store.run(challenger.id()).orElseThrow();
        assertThat(fresh.summary().profitShareIsOldMeasure()).isFalse();
        String summary = RunText.summary(fresh, reports.show(String.valueOf(fresh.id())).steps());
        assertThat(summary).contains(
                "of its profit before that step's haircuts (profits of at least 1 % of equity; at most 100 %)")
                .doesNotContain("old measure");

        db.sql.sql("UPDATE run SET max_haircut_profit_share = 42.554, max_haircut_profit_basis = NULL WHERE run_id = ?")
                .param(champion.id()).update();
        StoredRun old = db.store.run(champion.id()).orElseThrow();
        assertThat(old.summary().profitShareIsOldMeasure()).isTrue();
        assertThat(RunText.summary(old, reports.show(String.valueOf(old.id())).steps()))
                .contains("4255.4 % (old measure)")
                .contains("of its largest profit before a haircut, however small (old measure");
        String compare = new RunCommands(null, reports, null).compare(ids(champion, challenger), 3);
        assertThat(compare).containsPattern("largest haircut % step profit +4255\\.4 % \\(old measure\\) +\\d+\\.\\d %")
                .contains("'(old measure)': a run stored before this definition");
        var metrics = reportService.build(List.of(ids(champion, challenger)), null).runs();
        assertThat(metrics.get(0).metrics().maxHaircutProfitShare()).isNull();
        assertThat(metrics.get(0).metrics().maxHaircutProfitAccount())
                .startsWith("not measured: the run was stored before this definition");
        assertThat(metrics.get(1).metrics().maxHaircutProfitShare()).isEqualTo(fresh.summary().maxHaircutProfitShare());
        db.sql.sql("UPDATE run SET max_haircut_profit_share = ?, max_haircut_profit_basis = ? WHERE run_id = ?")
                .param(champion.summary().maxHaircutProfitShare()).param(champion.summary().maxHaircutProfitBasis())
                .param(champion.id()).update();
    }

    private static String[] ids(StoredRun... runs) {
        return java.util.Arrays.stream(runs).map(r -> String.valueOf(r.id())).toArray(String[]::new);
    }

    private static void generate(String name, int accounts, long seed) {
        GeneratorSettings d = DemoData.settings();
        sets.generate(name,
                new GeneratorSettings(accounts, d.markets(), d.startPrices(), d.medianLeverage(), d.leverageSpread(),
                d.maxLeverage(), d.longShare(), d.isolatedShare(), d.whaleShare(), d.whaleMultiplier(),
                d.meanNotional(), d.positionsPerAccount(), seed), StoreProgress.NONE);
    }
}
