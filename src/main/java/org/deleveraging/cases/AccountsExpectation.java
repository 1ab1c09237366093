package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;

/**
 * Where named accounts end ({@code accounts:}: closing equity, what was liquidated, deleveraged, haircut or written
 * off) and which accounts the run must leave alone ({@code untouched:}: not liquidated, deleveraged, haircut or
 * taken over; its equity still moves with the marks).
 */
record AccountsExpectation(Map<String, Map<String, BigDecimal>> figures,
        List<String> untouched) implements Expectation {

    static final Map<String, Function<AccountOutcome, BigDecimal>> FIELDS = fields();

    private static Map<String, Function<AccountOutcome, BigDecimal>> fields() {
        Map<String, Function<AccountOutcome, BigDecimal>> m = new java.util.LinkedHashMap<>();
        m.put("equityStart", AccountOutcome::equityStart);
        m.put("equity", AccountOutcome::equityEnd);
        m.put("liquidatedNotional", AccountOutcome::liquidatedNotional);
        m.put("adlSize", AccountOutcome::adlSize);
        m.put("haircut", AccountOutcome::haircut);
        m.put("badDebt", AccountOutcome::badDebt);
        return m;
    }

    @Override
    public List<Check> check(RunResult result, Tolerance tolerance) {
        List<Check> out = new ArrayList<>();
        figures.forEach((id, expected) -> {
            AccountOutcome o = outcome(result, id);
            expected.forEach((field, value) -> {
                String subject = "account " + id + " " + field;
                BigDecimal actual = o == null ? null : FIELDS.get(field).apply(o);
                Tolerance t = field.equals("adlSize") ? Tolerance.EXACT : tolerance;
                out.add(FiguresExpectation.compare(subject, value, actual, t));
            });
        });
        for (String id : untouched) {
            Map<String, Integer> kinds = new java.util.TreeMap<>();
            for (RunEvent e : result.events())
                if (id.equals(e.accountId())
                        || id.equals(e.counterpartyId())) kinds.merge(e.kind().name().toLowerCase(), 1, Integer::sum);
            String actual = kinds.isEmpty() ? "untouched" : "touched: " + String.join(", ",
                    kinds.entrySet().stream().map(k -> k.getKey() + " x" + k.getValue()).toList());
            out.add(Check.of("account " + id, "untouched", actual));
        }
        return out;
    }

    private static AccountOutcome outcome(RunResult r, String id) {
        for (AccountOutcome o : r.outcomes()) if (o.accountId().equals(id)) return o;
        return null;
    }
}
