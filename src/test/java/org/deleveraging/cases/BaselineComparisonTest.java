package org.deleveraging.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.junit.jupiter.api.Test;

/** An approved baseline fails on exactly the figures that moved, and names each by step or account and column. */
class BaselineComparisonTest {

    private static BigDecimal d(String v) { return new BigDecimal(v); }

    private static StepMetrics step(int n, String fundPaid) {
        return new StepMetrics(n, Map.of("BTCUSDT", d("100000")), 1, false, 2, d("5000"), d("300"), d("700"),
                d(fundPaid), d("0"), 1, d("900"), d("10"), d("10"), d("4"), d("0"), d("0"));
    }

    private static AccountOutcome account(String id, String equityEnd, int events) {
        return new AccountOutcome(id, d("1000"), d(equityEnd), d("0"), d("0"), d("0"), d("0"), d("0"), d("0"), events);
    }

    private static BaselineFile.Parsed baseline(String fundPaid, AccountOutcome... accounts) {
        RunResult r = new RunResult(List.of(), List.of(step(0, "0"), step(1, fundPaid)), List.of(accounts), List.of(),
                Map.of("BTCUSDT", d("700")), Map.of(), Map.of(), Map.of(), Map.of());
        return BaselineFile.parse(BaselineFile.render("bitmex", "abc", "demo", "oct-10", r));
    }

    @Test
    void an_unchanged_run_agrees_section_by_section() {
        List<Check> checks = BaselineComparison.compare(baseline("300", account("A1", "0", 3)),
                baseline("300", account("A1", "0", 3)));
        assertThat(checks).allMatch(Check::ok).extracting(Check::subject).containsExactly("steps", "funds", "accounts");
    }

    @Test
    void a_moved_figure_is_named_by_step_and_column() {
        List<Check> checks = BaselineComparison.compare(baseline("300", account("A1", "0", 3)),
                baseline("250", account("A1", "0", 3)));
        assertThat(checks).filteredOn(c -> !c.ok()).extracting(Check::subject, Check::expected, Check::actual)
                .containsExactly(tuple("step 1 · fund paid", "300", "250"));
    }

    @Test
    void an_account_the_change_newly_touches_is_listed_with_its_outcome() {
        List<Check> checks = BaselineComparison.compare(baseline("300", account("A1", "0", 3)),
                baseline("300", account("A1", "0", 3), account("A2", "40", 1)));
        assertThat(checks).filteredOn(c -> !c.ok()).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo("account A2");
            assertThat(c.expected()).isEqualTo("not touched");
            assertThat(c.actual()).startsWith("equity start 1000, equity end 40");
        });
    }

    @Test
    void untouched_accounts_are_left_out_of_the_file() {
        assertThat(baseline("300", account("A1", "0", 3), account("A3", "1000", 0)).sections().get("accounts").rows())
                .containsOnlyKeys("A1");
    }

    @Test
    void the_header_names_what_was_run_and_the_policy_hash_is_only_a_record() {
        BaselineFile.Parsed a = baseline("300", account("A1", "0", 3));
        assertThat(a.header()).containsEntry("policy", "bitmex").containsEntry("accounts", "demo")
                .containsEntry("scenario", "oct-10").containsEntry("approved-with-policy-hash", "abc");
        RunResult same = new RunResult(List.of(), List.of(step(0, "0"), step(1, "300")), List.of(account("A1", "0", 3)),
                List.of(), Map.of("BTCUSDT", d("700")), Map.of(), Map.of(), Map.of(), Map.of());
        BaselineFile.Parsed otherHash =
                BaselineFile.parse(BaselineFile.render("bitmex", "def", "demo", "oct-10", same));
        assertThat(BaselineComparison.compare(a, otherHash)).allMatch(Check::ok);
    }
}
