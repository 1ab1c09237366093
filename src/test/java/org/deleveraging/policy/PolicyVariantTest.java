package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deleveraging.engine.PolicySettings;
import org.deleveraging.input.InputException;
import org.junit.jupiter.api.Test;

class PolicyVariantTest {
    private static final Path RULES = Path.of("rules");
    private final PolicyLoader loader = new PolicyLoader(RULES);
    private final Policy bitmex = loader.load(Path.of("policies/bitmex"));
    private final Policy hyperliquid = loader.load(Path.of("policies/hyperliquid"));

    private Policy variant(Policy base, Map<String, String> changes) {
        return loader.fromFiles(base.directory(), PolicyVariant.files(base, changes, RULES));
    }

    @Test
    void a_setting_changed_is_read_by_the_policy_reader_and_changes_the_hash() {
        Policy v = variant(bitmex, Map.of("liquidation.orderLimit", "none", "insuranceFund.granularity", "shared"));
        assertThat(v.settings().liquidation().orderLimit()).isEqualTo(PolicySettings.OrderLimit.NONE);
        assertThat(v.settings().insuranceFund().granularity()).isEqualTo(PolicySettings.FundGranularity.SHARED);
        assertThat(v.hash()).isNotEqualTo(bitmex.hash());
        assertThat(v.files().get(0).content()).startsWith("# a variant of policies/bitmex/policy.yaml (policy bitmex@");
        assertThat(v.ruleNames()).isEqualTo(bitmex.ruleNames());
    }

    @Test
    void the_same_changes_give_the_same_hash_and_no_changes_the_policy_itself() {
        assertThat(variant(bitmex, Map.of("adl.topN", "3")).hash())
                .isEqualTo(variant(bitmex, Map.of("adl.topN", "3")).hash());
        assertThat(variant(bitmex, Map.of()).hash()).isEqualTo(bitmex.hash());
    }

    @Test
    void the_rate_multiplier_scales_every_tier_of_every_table() {
        Policy v = variant(bitmex, Map.of("margin.rateMultiplier", "2"));
        assertThat(v.settings().margin().defaultSchedule().tiers().get(0).maintenanceRate())
                .isEqualByComparingTo("0.02");
        assertThat(v.settings().margin().forMarket("BTCUSD").tiers().get(3).maintenanceRate())
                .isEqualByComparingTo("0.04");
    }

    @Test
    void a_rate_multiplied_above_one_is_refused_by_the_reader() {
        assertThatThrownBy(() -> variant(bitmex, Map.of("margin.rateMultiplier", "60")))
                .isInstanceOf(InputException.class).hasMessageContaining("rate");
    }

    @Test
    void a_close_price_swaps_the_adl_price_module_and_compiles_it() {
        Policy v = variant(bitmex, Map.of("adl.closePrice", "mark"));
        assertThat(v.files()).anyMatch(f -> f.path().endsWith("rules/adl-price/mark.drl"))
                .noneMatch(f -> f.path().endsWith("rules/adl-price/bankruptcy.drl"));
        assertThat(v.files().get(0).content()).contains("adl-price/mark.drl");
        assertThat(v.ruleNames()).isNotEqualTo(bitmex.ruleNames());
        assertThatThrownBy(() -> variant(bitmex, Map.of("adl.closePrice", "nowhere")))
                .hasMessageContaining("no module rules/adl-price/nowhere.drl").hasMessageContaining("bankruptcy");
        assertThatThrownBy(() -> variant(bitmex, Map.of("adl.closePrice", "../../x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_parameter_must_be_declared_and_its_value_reaches_the_rules() {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("parameters.partialLiquidationFraction", "0.5");
        Policy v = variant(hyperliquid, changes);
        assertThat(v.parameters().num("partialLiquidationFraction")).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThatThrownBy(() -> variant(bitmex, Map.of("parameters.nope", "1")))
                .hasMessage("policy bitmex declares no parameter 'nope'; it declares none");
    }

    @Test
    void variants_that_differ_only_in_settings_share_one_compiled_rule_base() {
        Policy a = variant(bitmex, Map.of("adl.topN", "3"));
        Policy b = variant(bitmex, Map.of("adl.topN", "4"));
        assertThat(a.kieBase()).isSameAs(b.kieBase());
    }

    @Test
    void what_a_sweep_may_vary() {
        assertThat(PolicyVariant.varies("parameters.x")).isTrue();
        assertThat(PolicyVariant.varies("adl.closePrice")).isTrue();
        assertThat(PolicyVariant.varies("margin.default")).isFalse();
        assertThat(PolicyVariant.varies("parameters.")).isFalse();
    }
}
