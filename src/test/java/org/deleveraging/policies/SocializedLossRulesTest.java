package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Facts.fund;
import static org.deleveraging.support.Facts.noBackstop;
import static org.deleveraging.support.Facts.shortfall;
import static org.deleveraging.support.Fixtures.policy;

import java.util.List;

import org.assertj.core.groups.Tuple;
import org.deleveraging.engine.Decisions;
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
        assertThat(layers(shortfall().unfilled("0").deficit("6").build(), fund().balance("0.01").build()))
                .contains(tuple(Layer.INSURANCE_FUND, 10, "WF-SOC-010"));
        assertThat(layers(shortfall().unfilled("0").deficit("6").build(), fund().balance("0").build()))
                .doesNotContain(tuple(Layer.INSURANCE_FUND, 10, "WF-SOC-010"));
    }

    @Test
    void WF_SOC_020_winners_share_a_deficit_but_not_size_that_is_merely_unfilled() {
        assertThat(layers(shortfall().unfilled("0").deficit("0.01").build(), fund().balance("0").build()))
                .containsExactly(tuple(Layer.SOCIALIZED_LOSS, 20, "WF-SOC-020"));
        assertThat(layers(shortfall().unfilled("3").deficit("0").build(), fund().balance("0").build())).isEmpty();
    }

    private List<Tuple> layers(Shortfall s, FundState f) {
        return rules.waterfall(s, f, noBackstop()).stream()
                .map(c -> tuple(c.getLayer(), c.getOrder(), c.getRuleId())).toList();
    }
}
