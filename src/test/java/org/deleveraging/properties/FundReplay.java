package org.deleveraging.properties;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;

/**
 * Replays a run's insurance-fund movements (fees and surpluses in, covers out) from the events, fund by fund.
 * The opening balance is what the run ended with less everything that flowed in, so the replay also says whether
 * the events account for every movement of the funds.
 */
public final class FundReplay {
    private static final String FUND = "@fund:";

    private final Map<String, BigDecimal> opening = new TreeMap<>();
    private final Map<String, BigDecimal> lowest = new TreeMap<>();
    private boolean exhausted;

    public FundReplay(RunResult run) {
        Map<String, BigDecimal> inflow = new HashMap<>();
        for (RunEvent e : run.events()) {
            String key = fundOf(e);
            if (key != null) inflow.merge(key, flowIntoFund(e), BigDecimal::add);
        }
        for (var e : run.fundsEnd().entrySet())
            opening.put(e.getKey(), e.getValue().subtract(inflow.getOrDefault(e.getKey(), BigDecimal.ZERO)));
        Map<String, BigDecimal> balance = new HashMap<>(opening);
        lowest.putAll(opening);
        for (RunEvent e : run.events()) {
            String key = fundOf(e);
            if (key == null) continue;
            BigDecimal b = balance.merge(key, flowIntoFund(e), BigDecimal::add);
            lowest.merge(key, b, (x, y) -> x.compareTo(y) <= 0 ? x : y);
            if (e.kind() == RunEvent.Kind.FUND_COVER && b.signum() <= 0) exhausted = true;
        }
    }

    /**
     * True when some fund paid out its last unit, or was drained to 1 % of its opening balance or less: a fund that
     * pays only what it can pay in full (queue venues) is left with crumbs, not zero.
     */
    public boolean exhausted() {
        if (exhausted) return true;
        for (var e : opening.entrySet())
            if (e.getValue().signum() > 0
                    && lowest.get(e.getKey()).compareTo(e.getValue().movePointLeft(2)) <= 0) return true;
        return false;
    }

    /** Each fund's opening balance as the events imply it. */
    public Map<String, BigDecimal> opening() { return opening; }

    /** Each fund's lowest balance during the run. */
    public Map<String, BigDecimal> lowest() { return lowest; }

    /** Funds only move by fees and surpluses in and covers out, whose counterparty is the fund. */
    private static String fundOf(RunEvent e) {
        if (e.counterpartyId() == null || !e.counterpartyId().startsWith(FUND)) return null;
        return e.counterpartyId().substring(FUND.length());
    }

    /** A fee or surplus is the account's loss (negative amount); a cover is its gain, paid by the fund. */
    private static BigDecimal flowIntoFund(RunEvent e) { return e.amount().negate(); }
}
