package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleveraging.support.Facts.pricing;
import static org.deleveraging.support.Fixtures.policy;

import java.math.BigDecimal;
import java.util.List;

import org.deleveraging.facts.AdlClosePrice;
import org.deleveraging.facts.AdlPricing;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: the ADL close price is a rule of the policy (rules/adl-price/), one test per rule with a near miss: each
 * module answers with its own price, never another's. A long bankrupt at 95, marked 97 now and 100 at the step before.
 */
class AdlPriceRulesTest {
    static final AdlPricing LONG = pricing().ref(7).bankruptcy("95").mark("97").previousMark("100").build();

    @Test
    void ADLP_BP_010_bitmex_closes_at_the_bankruptcy_price_not_the_mark() {
        assertThat(price("bitmex")).isEqualByComparingTo("95").isNotEqualByComparingTo(LONG.getMark());
        assertThat(rule("bitmex")).isEqualTo("ADLP-BP-010");
    }

    @Test
    void ADLP_MARK_010_okx_closes_at_the_mark_not_the_bankruptcy_price() {
        assertThat(price("okx")).isEqualByComparingTo("97").isNotEqualByComparingTo(LONG.getBankruptcyPrice());
        assertThat(rule("okx")).isEqualTo("ADLP-MARK-010");
    }

    @Test
    void ADLP_PREV_010_hyperliquid_closes_at_the_previous_mark_not_the_current_one() {
        assertThat(price("hyperliquid")).isEqualByComparingTo("100").isNotEqualByComparingTo(LONG.getMark());
        assertThat(rule("hyperliquid")).isEqualTo("ADLP-PREV-010");
    }

    @Test
    void ADLP_BLEND_010_ftx_closes_at_two_thirds_of_the_bankruptcy_price_and_a_third_of_the_mark() {
        // 0.666666666667 x 95 + 0.333333333333 x 97 = 95.666666666666 (the engine puts it on the grid: 95.5)
        assertThat(price("ftx")).isEqualByComparingTo("95.666666666666");
        assertThat(rule("ftx")).isEqualTo("ADLP-BLEND-010");
    }

    private static AdlClosePrice answer(String policy) {
        List<AdlClosePrice> answers = policy(policy).newDecisions().adlClosePrices(List.of(LONG));
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).getRef()).isEqualTo(7);
        return answers.get(0);
    }

    private static BigDecimal price(String policy) { return answer(policy).getPrice(); }

    private static String rule(String policy) { return answer(policy).getRuleId(); }
}
