package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.policy;

import java.math.BigDecimal;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.deleveraging.engine.Decisions;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.Shortfall;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the socialised-loss waterfall module, each with a near miss (BitMEX DPE,
 * https://blog.bitmex.com/dynamic-profit-equalisation/; OKCoin's clawback,
 * https://support.okcoin.com/hc/en-us/articles/360054057832-What-is-the-insurance-fund-). The
 * capped-pro-rata policy uses the same module; its caps are settings, tested in {@link CappedProRataWaterFillingTest}.
 */
class SocializedLossRulesTest {
    private final Decisions rules = policy("socialized-loss").newDecisions();

    @Test
    void WF_SOC_010_the_insurance_fund_pays_first_while_its_balance_is_positive() {
        assertThat(layers(shortfall("0", "6"), fund("0.01"))).contains(tuple(Layer.INSURANCE_FUND, 10, "WF-SOC-010"));
        assertThat(layers(shortfall("0", "6"), fund("0")))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-SOC-010"));
    }

    @Test
    void WF_SOC_020_winners_share_a_deficit_but_not_size_that_is_merely_unfilled() {
        assertThat(layers(shortfall("0", "0.01"), fund("0")))
                .containsExactly(tuple(Layer.SOCIALIZED_LOSS, 20, "WF-SOC-020"));
        assertThat(layers(shortfall("3", "0"), fund("0"))).isEmpty();
    }

    private List<Tuple> layers(Shortfall s, FundState f) {
        return rules.waterfall(s, f, new BackstopState("USDT", false, BigDecimal.ZERO)).stream()
                .map(c -> tuple(c.getLayer(), c.getOrder(), c.getRuleId())).toList();
    }

    private static Shortfall shortfall(String unfilled, String deficit) {
        return new Shortfall(3, "B", "BTCUSDT", "USDT", d(unfilled), d(unfilled).multiply(d("110")), d(deficit), 1);
    }

    private static FundState fund(String balance) {
        return new FundState("BTCUSDT", true, d(balance), d(balance), BigDecimal.ZERO, BigDecimal.ZERO);
    }
}
