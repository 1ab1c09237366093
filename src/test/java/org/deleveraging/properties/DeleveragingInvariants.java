package org.deleveraging.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Account;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.LedgerSnapshot;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunEvent.Kind;
import org.deleveraging.engine.RunResult;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.statistics.Statistics;

/**
 * What every deleveraging policy must guarantee, whatever its rules decide, over generated account sets and
 * shocks. Each property runs every policy of {@link #policies()} on the same generated world; a failure names the
 * policy. A property class implements this interface and says which policies it covers.
 */
public interface DeleveragingInvariants {
    int TRIES = 150;

    List<PolicyUnderTest> policies();

    /**
     * Value only moves between ledger lines: accounts, insurance funds, backstop, book and bad debt add up to the
     * same total at the end as at the start, to the last unit, per settlement asset; the account lines are the
     * accounts' outcomes; the fund lines are what the events say flowed in and out; bad debt is what the accounts
     * left unpaid.
     */
    @Property(tries = TRIES)
    @Domain(WorldDomain.class)
    default void value_is_conserved_exactly(@ForAll World world) {
        for (PolicyUnderTest policy : policies()) {
            RunResult r = policy.run(world);
            assertThat(r.ledgerEnd().keySet()).as(policy.name()).isEqualTo(r.ledgerStart().keySet());
            Map<String, BigDecimal> startEquity = new HashMap<>();
            Map<String, BigDecimal> endEquity = new HashMap<>();
            Map<String, BigDecimal> unpaid = new HashMap<>();
            Map<String, String> assetOf = assets(world);
            for (AccountOutcome o : r.outcomes()) {
                String asset = assetOf.get(o.accountId());
                startEquity.merge(asset, o.equityStart(), BigDecimal::add);
                endEquity.merge(asset, o.equityEnd(), BigDecimal::add);
                unpaid.merge(asset, o.badDebt(), BigDecimal::add);
            }
            Map<String, BigDecimal> fundsOpening = new HashMap<>();
            new FundReplay(r).opening()
                    .forEach((key, amount) -> fundsOpening.merge(fundAsset(world, key), amount, BigDecimal::add));
            for (String asset : r.ledgerStart().keySet()) {
                LedgerSnapshot start = r.ledgerStart().get(asset);
                LedgerSnapshot end = r.ledgerEnd().get(asset);
                String where = policy.name() + " " + asset;
                assertThat(end.total()).as(where + ": total").isEqualByComparingTo(start.total());
                assertThat(start.accounts()).as(where + ": accounts at the start")
                        .isEqualByComparingTo(startEquity.getOrDefault(asset, BigDecimal.ZERO));
                assertThat(end.accounts()).as(where + ": accounts at the end")
                        .isEqualByComparingTo(endEquity.getOrDefault(asset, BigDecimal.ZERO));
                assertThat(end.badDebt().negate()).as(where + ": bad debt")
                        .isEqualByComparingTo(unpaid.getOrDefault(asset, BigDecimal.ZERO));
                assertThat(fundsOpening.getOrDefault(asset, BigDecimal.ZERO))
                        .as(where + ": fund movements in the events").isEqualByComparingTo(start.insuranceFunds());
            }
        }
    }

    /** ADL closes a position only against a bankrupt position on the other side of the same market, never its own. */
    @Property(tries = TRIES)
    @Domain(WorldDomain.class)
    default void ADL_only_closes_opposite_positions_in_the_same_market(@ForAll World world) {
        for (PolicyUnderTest policy : policies()) {
            RunResult r = policy.run(world);
            ContractTally tally = new ContractTally(world.accounts(), r);
            for (RunEvent e : r.events()) {
                if (e.kind() != Kind.ADL) continue;
                assertThat(e.accountId()).as(policy.name() + ": " + e).isNotEqualTo(e.counterpartyId());
                assertThat(tally.held).as(policy.name() + ": the deleveraged position of " + e)
                        .containsKey(ContractTally.key(e));
                assertThat(tally.held).as(policy.name() + ": the bankrupt position, other side, same market, of " + e)
                        .containsKey(ContractTally.bankruptKey(e));
            }
        }
    }

    /**
     * No position is closed for more contracts than it held; a bankrupt position's book fills, ADL, hand-over to the
     * backstop and venue takeover add up to exactly its size.
     */
    @Property(tries = TRIES)
    @Domain(WorldDomain.class)
    default void a_bankrupt_position_is_closed_for_exactly_its_size(@ForAll World world) {
        for (PolicyUnderTest policy : policies()) {
            RunResult r = policy.run(world);
            ContractTally tally = new ContractTally(world.accounts(), r);
            assertThat(tally.held.keySet()).as(policy.name() + ": positions closed").containsAll(tally.closed.keySet());
            tally.closed.forEach((position, closed) ->
                    assertThat(closed).as(policy.name() + ": " + position)
                    .isLessThanOrEqualTo(tally.held.get(position)));
            for (String position : tally.resolvedBankrupt)
                assertThat(tally.closed.get(position)).as(policy.name() + ": bankrupt " + position)
                        .isEqualByComparingTo(tally.held.get(position));
        }
    }

    /** No deleveraged or socialised account is pushed below zero equity by that event. */
    @Property(tries = TRIES)
    @Domain(WorldDomain.class)
    default void no_deleveraged_or_socialised_account_is_pushed_below_zero(@ForAll World world) {
        for (PolicyUnderTest policy : policies()) {
            for (RunEvent e : policy.run(world).events()) {
                if (e.kind() != Kind.ADL && e.kind() != Kind.SOCIALIZED) continue;
                assertThat(e.equityAfter()).as(policy.name() + ": " + e).isNotNegative();
                if (e.kind() == Kind.SOCIALIZED) assertThat(e.amount()).as(policy.name() + ": " + e).isNegative();
                else assertThat(e.size()).as(policy.name() + ": " + e).isPositive();
            }
        }
    }

    /** The same inputs give identical results: every event, metric, outcome, queue, ledger line and rule count. */
    @Property(tries = TRIES)
    @Domain(WorldDomain.class)
    default void the_same_inputs_give_identical_results(@ForAll World world) {
        for (PolicyUnderTest policy : policies())
            assertThat(policy.run(world)).as(policy.name()).isEqualTo(policy.run(world));
    }

    /**
     * The generated worlds are not all calm: enough of them bankrupt accounts, drain an insurance fund, deleverage and
     * socialise losses (under the policies that do), and leave bad debt.
     */
    @Property(tries = 2 * TRIES)
    @Domain(WorldDomain.class)
    default void the_generator_reaches_bankruptcy_an_exhausted_fund_ADL_and_socialised_loss(@ForAll World world) {
        boolean bankrupt = false, exhausted = false, adl = false, socialised = false, badDebt = false;
        for (PolicyUnderTest policy : policies()) {
            RunResult r = policy.run(world);
            for (RunEvent e : r.events()) {
                bankrupt |= e.kind() == Kind.FUND_COVER || e.kind() == Kind.TAKEOVER || e.kind() == Kind.BAD_DEBT
                        || e.kind() == Kind.ADL;
                adl |= e.kind() == Kind.ADL;
                socialised |= e.kind() == Kind.SOCIALIZED;
                badDebt |= e.kind() == Kind.BAD_DEBT;
            }
            exhausted |= new FundReplay(r).exhausted();
        }
        Statistics.label("bankrupt accounts").collect(bankrupt);
        Statistics.label("exhausted insurance fund").collect(exhausted);
        Statistics.label("ADL fills").collect(adl);
        Statistics.label("socialised losses").collect(socialised);
        Statistics.label("bad debt").collect(badDebt);
        Statistics.label("bankrupt accounts").coverage(c -> c.check(true).percentage(p -> p >= 25));
        Statistics.label("bankrupt accounts").coverage(c -> c.check(false).percentage(p -> p >= 10));
        Statistics.label("exhausted insurance fund").coverage(c -> c.check(true).percentage(p -> p >= 10));
        Statistics.label("ADL fills").coverage(c -> c.check(true).percentage(p -> p >= 20));
        Statistics.label("socialised losses").coverage(c -> c.check(true).percentage(p -> p >= 15));
        Statistics.label("bad debt").coverage(c -> c.check(true).percentage(p -> p >= 10));
    }

    private static Map<String, String> assets(World world) {
        Map<String, String> out = new HashMap<>();
        for (Account a : world.accounts().accounts())
            out.put(a.id(), world.accounts().market(a.positions().get(0).market()).settlementAsset());
        return out;
    }

    /** A fund is keyed by its market (per-market funds) or by its settlement asset (a shared pool). */
    private static String fundAsset(World world, String key) {
        var market = world.accounts().markets().get(key);
        return market != null ? market.settlementAsset() : key;
    }
}
