package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.linear;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Side;
import org.junit.jupiter.api.Test;

/**
 * The ledger's audit proves more than an unchanged total: each class of line (accounts, insurance funds, vaults, book,
 * bad debt) moved by exactly what the ledger recorded for it, and each market's movements net to zero. A balance
 * changed outside the ledger, or value carried from one market to another, fails the run as an engine bug even when
 * the total per asset is unchanged.
 *
 * <p>The ledger: A holds a BTCUSDT long, B an ETHUSDT short; BTCUSDT has a fund of 100.
 */
class LedgerAuditTest {
    private final MarketState btc = new MarketState(linear("BTCUSDT"), d("100"));
    private final MarketState eth = new MarketState(linear("ETHUSDT"), d("50"));
    private final PoolState a = new PoolState(0, "A", false, "USDT", false, d("1000"));
    private final PoolState b = new PoolState(1, "B", false, "USDT", false, d("1000"));
    private final PositionState aLong = position(0, a, btc, Side.LONG);
    private final PositionState bShort = position(1, b, eth, Side.SHORT);
    private final Ledger ledger = new Ledger(List.of(a, b), List.of(btc, eth));

    {
        ledger.funds.put("BTCUSDT", d("100"));
        ledger.fundAssets.put("BTCUSDT", "USDT");
    }

    private final Ledger.Opening opening = ledger.opening(lines());

    @Test
    void settlement_fills_fund_payments_write_offs_and_clawbacks_pass_the_audit() {
        mark(btc, "90");  // A loses 100 to the book
        ledger.poolWithBook(aLong, d("-3"));
        ledger.fundToPool("BTCUSDT", a, btc, d("40"));
        ledger.poolToFund(a, "BTCUSDT", btc, d("5"));
        ledger.poolToPool(b, a, d("7"));

        Map<String, LedgerSnapshot> closing = lines();

        assertThat(closing.get("USDT").book()).as("the book won A's 100 and the 3 of the fill")
                .isEqualByComparingTo("103");
        assertThatCode(() -> ledger.audit(opening, closing)).doesNotThrowAnyException();
    }

    @Test
    void a_balance_changed_outside_the_ledger_fails_the_audit() {
        ledger.funds.merge("BTCUSDT", d("50"), BigDecimal::add);

        assertThatThrownBy(() -> ledger.audit(opening, lines())).isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "engine bug: the USDT insurance funds went from 100 to 150, but the ledger recorded 0 moving"
                        + " into them: 50 changed outside the ledger");
    }

    @Test
    void a_fund_paying_an_account_outside_the_ledger_fails_the_audit_though_the_total_is_unchanged() {
        ledger.funds.merge("BTCUSDT", d("-30"), BigDecimal::add);
        a.credit(d("30"));
        Map<String, LedgerSnapshot> closing = lines();

        assertThat(closing.get("USDT").total()).isEqualByComparingTo(opening.lines().get("USDT").total());
        assertThatThrownBy(() -> ledger.audit(opening, closing)).isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "engine bug: the USDT accounts went from 2000 to 2030, but the ledger recorded 0 moving into"
                        + " them: 30 changed outside the ledger");
    }

    @Test
    void an_ADL_fill_across_markets_fails_the_audit_though_every_class_adds_up() {
        // A's BTCUSDT long "deleveraged" against B's ETHUSDT short: accounts to accounts, so only the markets see it
        ledger.adlFill(aLong, bShort, d("5"));

        assertThatThrownBy(() -> ledger.audit(opening, lines())).isInstanceOf(IllegalStateException.class)
                .hasMessage("engine bug: the movements recorded for market BTCUSDT do not net to zero: accounts -5,"
                        + " insurance funds 0, backstop vaults 0, book 0, bad debt 0 (net -5)");
    }

    @Test
    void an_ADL_fill_within_a_market_passes_the_audit() {
        PoolState c = new PoolState(2, "C", false, "USDT", false, d("1000"));
        Ledger ledger = new Ledger(List.of(a, c), List.of(btc));
        PositionState cShort = position(2, c, btc, Side.SHORT);
        Ledger.Opening opening = ledger.opening(Map.of("USDT", ledger.snapshot("USDT")));

        ledger.adlFill(aLong, cShort, d("5"));

        assertThatCode(() -> ledger.audit(opening, Map.of("USDT", ledger.snapshot("USDT")))).doesNotThrowAnyException();
    }

    private Map<String, LedgerSnapshot> lines() { return Map.of("USDT", ledger.snapshot("USDT")); }

    /** A 10-contract position opened at its market's mark. */
    private static PositionState position(int ref, PoolState pool, MarketState market, Side side) {
        PositionState p = new PositionState(ref, pool, market, side, d("10"), market.mark());
        pool.add(p);
        market.positions.add(p);
        return p;
    }

    /** Moves a market's mark, as a scenario step does; pools settle when next read. */
    private void mark(MarketState market, String price) {
        market.moveMark(d(price));
        ledger.marks++;
    }
}
