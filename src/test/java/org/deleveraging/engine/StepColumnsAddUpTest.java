package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.scenario.ScenarioCatalog;
import org.deleveraging.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The step table's columns add up with the ledger and with the run's events, for every shipped policy over the demo
 * book under oct-10 (src/docs/workbench.md, "The step table", where each column is defined):
 * <ul>
 *   <li><b>fund</b>: the funds' balance after step s = the balance after step s-1 (the opening balance for step 0)
 *       - fund paid + the fund's income in the step (liquidation fees and close-out surpluses, the FEE and SURPLUS
 *       events); over the run, the sum of fund paid = fund start - fund end + fund income, and fund start and end are
 *       the ledger's insurance-fund lines;</li>
 *   <li><b>fund paid</b> = the step's FUND_COVER events: every payment out of a fund is one, for a bankruptcy of that
 *       step (the fund never pays later);</li>
 *   <li><b>shortfall</b> = fund paid + ADL covered + what the backstop vault took on in the waterfall + socialised +
 *       bad debt: the layers pay exactly the deficit the shortfall counts;</li>
 *   <li><b>bad debt</b> = the step's BAD_DEBT events, and over the run the ledger's bad-debt line;</li>
 *   <li><b>ADL</b> = the step's ADL events, <b>ADL notional</b> their size at their price; socialised = the SOCIALIZED
 *       events.</li>
 * </ul>
 */
class StepColumnsAddUpTest {
    private static AccountSet demo;
    private static Scenario oct10;

    @BeforeAll
    static void book() {
        demo = DemoData.accountSet();
        oct10 = ScenarioCatalog.load("oct-10");
    }

    static Stream<String> policies() {
        return Stream.of("binance", "bitmex", "bybit", "okx", "hyperliquid", "dydx-v4", "ftx", "socialized-loss",
                "capped-pro-rata");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void theStepColumnsAddUpWithTheLedgerAndTheEvents(String policy) {
        RunResult r = Fixtures.run(Fixtures.policy(policy), demo, oct10);
        List<StepMetrics> steps = r.steps();

        BigDecimal fundStart = r.ledgerStart().values().stream().map(LedgerSnapshot::insuranceFunds)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fundEnd = r.ledgerEnd().values().stream().map(LedgerSnapshot::insuranceFunds)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal previous = fundStart;
        BigDecimal paid = BigDecimal.ZERO, income = BigDecimal.ZERO, badDebt = BigDecimal.ZERO;
        for (StepMetrics s : steps) {
            int step = s.step();
            BigDecimal stepIncome = sum(r, step,
                    e -> e.kind() == RunEvent.Kind.FEE || e.kind() == RunEvent.Kind.SURPLUS).negate();
            String at = policy + " step " + step + ": ";
            assertThat(s.fundPaid()).as(at + "fund paid = the step's FUND_COVER events")
                    .isEqualByComparingTo(sum(r, step, e -> e.kind() == RunEvent.Kind.FUND_COVER));
            assertThat(s.fundBalance()).as(at + "fund = previous fund - fund paid + fees and surpluses")
                    .isEqualByComparingTo(previous.subtract(s.fundPaid()).add(stepIncome));
            assertThat(s.badDebt()).as(at + "bad debt = the step's BAD_DEBT events")
                    .isEqualByComparingTo(sum(r, step, e -> e.kind() == RunEvent.Kind.BAD_DEBT));
            assertThat(s.socialized()).as(at + "socialised = the step's SOCIALIZED events")
                    .isEqualByComparingTo(sum(r, step, e -> e.kind() == RunEvent.Kind.SOCIALIZED).negate());
            assertThat(s.adlCount()).as(at + "ADL = the step's ADL events")
                    .isEqualTo((int) r.events().stream().filter(e -> e.step() == step && e.kind() == RunEvent.Kind.ADL)
                            .count());
            BigDecimal layers = s.fundPaid().add(s.adlCovered()).add(vaultTookOn(r, step)).add(s.socialized())
                    .add(s.badDebt());
            assertThat(s.shortfall()).as(at + "shortfall = fund paid + ADL covered + backstop + socialised + bad debt")
                    .isEqualByComparingTo(layers);
            previous = s.fundBalance();
            paid = paid.add(s.fundPaid());
            income = income.add(stepIncome);
            badDebt = badDebt.add(s.badDebt());
        }
        assertThat(previous).as("the last step's fund is the ledger's closing fund line").isEqualByComparingTo(fundEnd);
        assertThat(paid).as("sum of fund paid = fund start - fund end + fund income")
                .isEqualByComparingTo(fundStart.subtract(fundEnd).add(income));
        assertThat(badDebt).as("sum of bad debt = the ledger's bad debt").isEqualByComparingTo(r.totalBadDebt());
    }

    /**
     * A deficit the backstop vault took over with a bankrupt pool in the waterfall: its BACKSTOP event of no market,
     * made by a waterfall rule (the shipped policies name them WF-...). A pool the vault takes at liquidation
     * (Hyperliquid's LIQ-HL-030, FTX's auto-close) was liquidated, not handed to the waterfall, even below zero: its
     * deficit is in no step's shortfall (policies/hyperliquid/cases/003).
     */
    private static BigDecimal vaultTookOn(RunResult r, int step) {
        return sum(r, step, e -> e.kind() == RunEvent.Kind.BACKSTOP && e.market() == null && e.amount() != null
                && e.amount().signum() > 0 && e.ruleId().startsWith("WF-"));
    }

    private static BigDecimal sum(RunResult r, int step, Predicate<RunEvent> which) {
        return r.events().stream().filter(e -> e.step() == step && which.test(e)).map(RunEvent::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
