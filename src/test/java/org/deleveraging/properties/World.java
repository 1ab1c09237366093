package org.deleveraging.properties;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.accounts.GeneratorSettings;

/**
 * One generated test case: an account set (from the generator's knobs, which reproduce it) and a stress scenario
 * over its markets. Prints as its knobs and marks, so that a failing case can be rebuilt by hand.
 */
public record World(GeneratorSettings knobs, AccountSet accounts, Scenario scenario) {

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("World[");
        sb.append(knobs.accounts()).append(" accounts, seed ").append(knobs.seed())
                .append(", leverage ").append(knobs.medianLeverage()).append(" (spread ").append(knobs.leverageSpread())
                .append(", cap ").append(knobs.maxLeverage()).append("), long ").append(knobs.longShare())
                .append(", isolated ").append(knobs.isolatedShare()).append(", whales ").append(knobs.whaleShare())
                .append(" x").append(knobs.whaleMultiplier()).append(", notional ").append(knobs.meanNotional())
                .append(", up to ").append(knobs.positionsPerAccount()).append(" positions; markets");
        accounts.markets().values().forEach(m -> sb.append(' ').append(m.symbol()).append("(depth ")
                .append(m.liquidity().bidDepth().toPlainString()).append(", permanent ")
                .append(m.liquidity().permanentImpact().toPlainString()).append(')'));
        sb.append("; steps");
        scenario.steps().forEach(s -> sb.append(' ').append(s.marks())
                .append(s.depthMultipliers().isEmpty() ? "" : "x" + s.depthMultipliers()));
        sb.append("; funds ").append(scenario.insuranceFunds()).append(", backstop ").append(scenario.backstopCapital())
                .append(", scenario seed ").append(scenario.seed()).append(']');
        return sb.toString();
    }
}
