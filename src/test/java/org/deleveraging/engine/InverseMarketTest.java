package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.util.Map;

import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunEvent.Kind;
import org.junit.jupiter.api.Test;

/**
 * A coin-margined (inverse) market: a contract is worth 1 USD / price in BTC, so a long's profit from P0 to P1 is
 * size x (1/P0 - 1/P1), held and paid in BTC; book depth is measured in USD.
 */
class InverseMarketTest {
    private static final Market XBT = new Market("BTCUSD", ContractType.INVERSE, "BTC", d("0.5"), d("1"),
            BigDecimal.ONE, new Liquidity(d("100000"), d("100000"), d("0.5")));

    private RunResult run() {
        return plain().margin("0.25").run(set(XBT,
                        cross("L", "0.01", pos("BTCUSD", Side.LONG, "1000", "50000")),
                        cross("S", "0.02", pos("BTCUSD", Side.SHORT, "1000", "50000"))),
                marks("BTCUSD", Map.of("BTCUSD", d("1")), "40000"));
    }

    @Test
    void profit_is_settled_in_coin() {
        // 1000 x (1/50,000 - 1/40,000) = -0.005 BTC for the long, +0.005 for the short
        assertThat(run().outcomes()).extracting(AccountOutcome::accountId, AccountOutcome::equityStart)
                .containsExactly(tuple("L", d("0.005")), tuple("S", d("0.025")));
    }

    @Test
    void a_liquidation_fills_in_USD_depth_and_pays_in_coin() {
        // maintenance 25 % of 0.025 BTC (the value at the mark) = 0.00625 > 0.005: 1,000 USD sold into 100,000 per 1 %
        // fills 0.005 % below
        // the mark at 39,998; the fill costs 1000 x (1/40,000 - 1/39,998) BTC, rounded once at 12 places
        RunResult r = run();
        assertThat(r.events()).extracting(RunEvent::kind, RunEvent::accountId, RunEvent::price, RunEvent::amount)
                .containsExactly(tuple(Kind.LIQUIDATION, "L", d("39998"), d("-0.000001250063")),
                        tuple(Kind.SURPLUS, "L", null, d("-0.004998749937")));
        assertThat(r.fundsEnd()).containsEntry("BTCUSD", d("1.004998749937"));
    }

    @Test
    void a_table_read_at_entry_charges_maintenance_on_the_value_at_entry() {
        // 25 % of 0.02 BTC, the value at entry (1,000 / 50,000), is 0.005, exactly L's equity at 40,000: not below it,
        // so L is not liquidated, where 25 % of its value at the mark, 0.025 BTC, liquidates it (above)
        RunResult r = plain().marginAtEntry("0.25").run(set(XBT,
                        cross("L", "0.01", pos("BTCUSD", Side.LONG, "1000", "50000")),
                        cross("S", "0.02", pos("BTCUSD", Side.SHORT, "1000", "50000"))),
                marks("BTCUSD", Map.of("BTCUSD", d("1")), "40000"));
        assertThat(r.events()).isEmpty();
    }

    @Test
    void the_ledger_is_kept_in_the_settlement_coin_and_balances_exactly() {
        RunResult r = run();
        assertThat(r.ledgerStart()).containsOnlyKeys("BTC");
        assertThat(r.ledgerEnd().get("BTC").total()).isEqualByComparingTo(r.ledgerStart().get("BTC").total())
                .isEqualByComparingTo("1.03");
    }
}
