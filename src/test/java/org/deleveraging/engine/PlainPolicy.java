package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.PolicySettings.AdlAllocation;
import org.deleveraging.engine.PolicySettings.FundGranularity;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.engine.PolicySettings.Period;
import org.deleveraging.engine.PolicySettings.SurplusTo;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlClosePrice;
import org.deleveraging.facts.AdlPricing;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;

/**
 * A policy written in plain Java, for engine tests and for the engine's own configurations in the property tests:
 * the engine's mechanical settings with a builder, and decisions that need no rules engine.
 *
 * <p>Decisions: a pool whose equity is below {@code liquidateBelow} times its maintenance margin is closed out (or
 * handed to the backstop vault); every shortfall goes down {@code layers} in the order given; ADL candidates rank
 * by BitMEX's score (PnL% times effective leverage for winners, divided by it for losers).
 */
public final class PlainPolicy {
    MarginSchedule margin = MarginSchedule.flat(new BigDecimal("0.05"));
    OrderLimit orderLimit = OrderLimit.NONE;
    BigDecimal orderSlippage = BigDecimal.ZERO;
    SurplusTo surplusTo = SurplusTo.INSURANCE_FUND;
    BigDecimal feeRate = BigDecimal.ZERO;
    BigDecimal feeToClose = BigDecimal.ZERO;
    boolean feeToCloseInMaintenance;
    int maxRounds = 10;
    boolean closeOutMovesMark = true;
    FundGranularity fundGranularity = FundGranularity.PER_MARKET;
    AdlAllocation allocation = AdlAllocation.QUEUE;
    /** The price a plain policy's ADL closes at (a Drools policy decides it in rules/adl-price/). */
    public enum ClosePrice { BANKRUPTCY, MARK, PREVIOUS_MARK, BLEND }

    ClosePrice closePrice = ClosePrice.BANKRUPTCY;
    BigDecimal blendWeight = new BigDecimal("0.6666666667");
    int topN = 10;
    BigDecimal haircutMaxFraction = BigDecimal.ONE;
    boolean haircutProtectsMaintenance = false;
    BigDecimal liquidateBelow = BigDecimal.ONE;
    BigDecimal screen = new BigDecimal("1000000");
    LiquidationDecision.Action action = LiquidationDecision.Action.CLOSE_ALL;
    List<Layer> layers = List.of(Layer.INSURANCE_FUND, Layer.ADL);
    Period queueRefresh = Period.STEP;
    Period haircutSettlement = Period.STEP;

    public static PlainPolicy plain() { return new PlainPolicy(); }

    public PlainPolicy margin(String flatRate) { margin = MarginSchedule.flat(new BigDecimal(flatRate)); return this; }

    /** A flat rate read with the position's value at entry ({@code valueAt: entry}). */
    public PlainPolicy marginAtEntry(String flatRate) {
        margin = MarginSchedule.flat(new BigDecimal(flatRate)).atEntry(); return this;
    }
    public PlainPolicy orderLimit(OrderLimit l) { orderLimit = l; return this; }
    public PlainPolicy slippage(String fraction) {
        orderLimit = OrderLimit.SLIPPAGE; orderSlippage = new BigDecimal(fraction); return this;
    }
    public PlainPolicy surplusTo(SurplusTo s) { surplusTo = s; return this; }
    public PlainPolicy feeRate(String rate) { feeRate = new BigDecimal(rate); return this; }
    /** The taker fee to close, reserved in the bankruptcy price and, with {@code inMaintenance}, in maintenance. */
    public PlainPolicy feeToClose(String rate, boolean inMaintenance) {
        feeToClose = new BigDecimal(rate);
        feeToCloseInMaintenance = inMaintenance;
        return this;
    }
    public PlainPolicy maxRounds(int n) { maxRounds = n; return this; }
    public PlainPolicy closeOutMovesMark(boolean b) { closeOutMovesMark = b; return this; }
    public PlainPolicy funds(FundGranularity g) { fundGranularity = g; return this; }
    public PlainPolicy allocation(AdlAllocation a) { allocation = a; return this; }
    public PlainPolicy closePrice(ClosePrice c) { closePrice = c; return this; }
    public PlainPolicy queueRefresh(Period p) { queueRefresh = p; return this; }
    public PlainPolicy haircutSettlement(Period p) { haircutSettlement = p; return this; }
    public PlainPolicy haircutCaps(String maxFraction, boolean protectMaintenance) {
        haircutMaxFraction = new BigDecimal(maxFraction);
        haircutProtectsMaintenance = protectMaintenance;
        return this;
    }
    /** Liquidate when equity is below this multiple of maintenance margin (1 = the plain trigger). */
    /**
     * The margin check's screen ({@code liquidation.screen}); by default so high that every pool is shown to the plain
     * decisions and the margin watch never holds one back. 1 lets the watch work as for a shipped policy.
     */
    public PlainPolicy screen(String multipleOfMaintenance) {
        screen = new BigDecimal(multipleOfMaintenance);
        return this;
    }

    public PlainPolicy liquidateBelow(String multipleOfMaintenance) {
        liquidateBelow = new BigDecimal(multipleOfMaintenance); return this;
    }
    public PlainPolicy action(LiquidationDecision.Action a) { action = a; return this; }
    public PlainPolicy layers(Layer... l) { layers = List.of(l); return this; }

    public PolicySettings settings() {
        return new PolicySettings(new PolicySettings.Margin(margin, Map.of()),
                new PolicySettings.Liquidation(orderLimit, orderSlippage, surplusTo, feeRate,
                        new PolicySettings.FeeToClose(feeToClose, feeToCloseInMaintenance), maxRounds,
                        closeOutMovesMark, screen),
                new PolicySettings.InsuranceFund(fundGranularity, 3),
                new PolicySettings.Adl(allocation, topN, 1_000, queueRefresh),
                new PolicySettings.Haircut(BigDecimal.ONE, haircutMaxFraction, haircutProtectsMaintenance,
                        haircutSettlement),
                new PolicySettings.Budget(50, PolicySettings.Budget.DEFAULT_INSERT_LIMIT_PER_FACT,
                        PolicySettings.Budget.DEFAULT_TIME_LIMIT_SECONDS));
    }

    public Decisions decisions() { return new Plain(); }

    public RunResult run(AccountSet set, Scenario scenario) {
        return new Engine().run(settings(), decisions(), set, scenario, scenario.seed(), RunListener.NONE);
    }

    private final class Plain implements Decisions {
        @Override
        public List<LiquidationDecision> liquidations(List<PoolRisk> risks) {
            List<LiquidationDecision> out = new ArrayList<>();
            for (PoolRisk r : risks) {
                if (r.getEquity().compareTo(r.getMaintenanceMargin().multiply(liquidateBelow)) >= 0) continue;
                String why = "equity below " + liquidateBelow + " x maintenance";
                out.add(switch (action) {
                    case CLOSE_ALL -> LiquidationDecision.closeAll(r, "T-LIQ", why);
                    case BACKSTOP -> LiquidationDecision.backstop(r, "T-LIQ", why);
                    case REDUCE_ONE_TIER -> LiquidationDecision.reduceOneTier(r, "T-LIQ", why);
                    case REDUCE_FRACTION -> LiquidationDecision.reduce(r, new BigDecimal("0.5"), "T-LIQ", why);
                });
            }
            return out;
        }

        @Override
        public List<LayerChoice> waterfall(Shortfall shortfall, FundState fund, BackstopState backstop) {
            List<LayerChoice> out = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++)
                out.add(new LayerChoice(shortfall, layers.get(i), 10 * (i + 1), "T-WF-" + layers.get(i),
                        "test waterfall"));
            return out;
        }

        @Override
        public List<AdlScore> rank(List<AdlCandidate> candidates) {
            List<AdlScore> out = new ArrayList<>();
            for (AdlCandidate c : candidates) {
                double pnl = org.deleveraging.oracle.BitmexOracle.pnlPercent(c);
                double lev = org.deleveraging.oracle.BitmexOracle.effectiveLeverage(c);
                out.add(new AdlScore(c, pnl >= 0 ? pnl * lev : pnl / lev, "T-RANK", "BitMEX score"));
            }
            return out;
        }

        @Override
        public List<AdlClosePrice> adlClosePrices(List<AdlPricing> positions) {
            List<AdlClosePrice> out = new ArrayList<>();
            for (AdlPricing p : positions) {
                BigDecimal price = switch (closePrice) {
                    case BANKRUPTCY -> p.getBankruptcyPrice();
                    case MARK -> p.getMark();
                    case PREVIOUS_MARK -> p.getPreviousMark();
                    case BLEND -> p.getBankruptcyPrice().multiply(blendWeight)
                            .add(p.getMark().multiply(BigDecimal.ONE.subtract(blendWeight)));
                };
                out.add(new AdlClosePrice(p, price, "T-ADLP", "plain " + closePrice));
            }
            return out;
        }
    }
}
