package org.deleveraging.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks on a market's tick grid. A venue's mark price is always on its grid, so the engine puts every scenario mark on
 * it ({@link Market#toTick}, to the nearest tick, ties to even) before anything is measured. Where a mark was not on
 * the
 * grid, that is said: a regression case, whose markets are given beside its marks, refuses it with {@code file:line:
 * field} (its author meant an exact price); a stored scenario, which runs over any account set, is rounded and the run
 * names what was rounded ({@link #rounded}), because its percentage moves land between ticks as a rule.
 */
public final class TickGrid {
    private TickGrid() {}

    /** One scenario mark that is not on its market's grid, and the mark the engine uses instead. */
    public record Rounded(int step, String market, BigDecimal given, BigDecimal used, BigDecimal tick) {
        public String line() {
            return "step " + step + " " + market + " " + given.toPlainString() + " -> " + used.toPlainString();
        }
    }

    public static boolean onGrid(Market market, BigDecimal price) {
        return price.remainder(market.tickSize()).signum() == 0;
    }

    /** Every mark of {@code scenario}, for the markets of {@code set}, that the engine rounds onto the tick grid. */
    public static List<Rounded> rounded(Scenario scenario, AccountSet set) {
        List<Rounded> out = new ArrayList<>();
        for (int i = 0; i < scenario.steps().size(); i++)
            for (Market m : set.markets().values()) {
                BigDecimal mark = scenario.steps().get(i).marks().get(m.symbol());
                if (mark != null
                        && !onGrid(m, mark)) out.add(new Rounded(i, m.symbol(), mark, m.toTick(mark), m.tickSize()));
            }
        return out;
    }

    /** One line for a run: how many marks were rounded, the first few named. */
    public static String notice(String scenarioName, List<Rounded> rounded) {
        StringBuilder b = new StringBuilder().append(rounded.size()).append(rounded.size() == 1 ? " mark" : " marks")
                .append(" of scenario ").append(scenarioName)
                .append(" not on the tick grid were rounded to the nearest tick: ");
        for (int i = 0; i < Math.min(3, rounded.size()); i++) b.append(i == 0 ? "" : ", ")
                .append(rounded.get(i).line());
        if (rounded.size() > 3) b.append(", and ").append(rounded.size() - 3).append(" more");
        return b.toString();
    }
}
