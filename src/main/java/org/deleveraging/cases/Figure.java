package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;

/**
 * The run's totals a case can expect under {@code waterfall:}, summed over every step: how much of the shortfall
 * each layer of the loss waterfall paid, and what went into the insurance fund.
 */
enum Figure {
    LIQUIDATIONS("liquidations", r -> BigDecimal.valueOf(r.steps().stream().mapToInt(StepMetrics::liquidations).sum())),
    LIQUIDATED_NOTIONAL("liquidatedNotional", r -> sum(r, StepMetrics::liquidationNotional)),
    SHORTFALL("shortfall", r -> sum(r, StepMetrics::shortfall)),
    SURPLUS_TO_FUND("surplusToFund", r -> events(r, RunEvent.Kind.SURPLUS).negate()),
    FEES_TO_FUND("feesToFund", r -> events(r, RunEvent.Kind.FEE).negate()),
    FUND_PAID("fundPaid", r -> sum(r, StepMetrics::fundPaid)),
    ADL("adl", r -> sum(r, StepMetrics::adlCovered)),
    ADL_HAIRCUT("adlHaircut", r -> sum(r, StepMetrics::adlHaircut)),
    ADL_NOTIONAL("adlNotional", r -> sum(r, StepMetrics::adlNotional)),
    SOCIALIZED("socialized", r -> sum(r, StepMetrics::socialized)),
    BAD_DEBT("badDebt", r -> sum(r, StepMetrics::badDebt)),
    FUND_END("fundEnd", r -> r.fundsEnd().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)),
    BACKSTOP_END("backstopEnd", r -> r.steps().get(r.steps().size() - 1).backstopEquity());

    final String key;
    private final Function<RunResult, BigDecimal> measure;

    Figure(String key, Function<RunResult, BigDecimal> measure) {
        this.key = key;
        this.measure = measure;
    }

    BigDecimal of(RunResult r) { return measure.apply(r); }

    /** A count of decisions, never subject to a money tolerance. */
    boolean isCount() { return this == LIQUIDATIONS; }

    static List<String> keys() { return java.util.Arrays.stream(values()).map(f -> f.key).toList(); }

    static Figure byKey(String key) {
        for (Figure f : values()) if (f.key.equals(key)) return f;
        return null;
    }

    private static BigDecimal sum(RunResult r, Function<StepMetrics, BigDecimal> f) {
        return r.steps().stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal events(RunResult r, RunEvent.Kind kind) {
        return r.events().stream().filter(e -> e.kind() == kind).map(RunEvent::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
