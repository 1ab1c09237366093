package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;

/**
 * The text of an approved baseline: a header naming what was run, then CSV sections (per-step metrics, closing fund
 * balances, and the outcome of every account the run touched), one line per row so that a review diff shows exactly
 * which figures a change moved.
 *
 * <pre>
 * policy: bitmex
 * accounts: demo
 * scenario: oct-10
 * approved-with-policy-hash: 3f1c...     (for the record; not compared)
 *
 * [steps]
 * step,mark BTCUSDT,...,bad debt
 * 0,121000,...
 * </pre>
 */
final class BaselineFile {
    static final String STEPS = "steps";
    static final String FUNDS = "funds";
    static final String ACCOUNTS = "accounts";

    private BaselineFile() {}

    /** A baseline file parsed back: header values, and per section its column line and rows by key. */
    record Parsed(Map<String, String> header, Map<String, Section> sections) {}

    record Section(String columns, Map<String, String> rows) {}

    static String fileName(String accounts, String scenario) {
        return "baseline-" + accounts + "-" + scenario + ".txt";
    }

    static String render(String policyId, String policyHash, String accounts, String scenario, RunResult r) {
        StringBuilder out = new StringBuilder();
        out.append("# Approved baseline: policy ").append(policyId).append(" run over account set '").append(accounts)
                .append("' under scenario '").append(scenario).append("'.\n")
                .append("# The regression suite re-runs it and fails on any difference. After a reviewed change, "
                        + "re-approve\n")
                .append("# with the shell's `baseline approve --policy ").append(policyId)
                .append("` (or see src/docs/cases.md), and commit this file.\n")
                .append("policy: ").append(policyId).append('\n')
                .append("accounts: ").append(accounts).append('\n')
                .append("scenario: ").append(scenario).append('\n')
                .append("approved-with-policy-hash: ").append(policyHash).append('\n');
        out.append('\n').append('[').append(STEPS).append("]\n").append(stepColumns(r)).append('\n');
        for (StepMetrics s : r.steps()) out.append(stepRow(s)).append('\n');
        out.append('\n').append('[').append(FUNDS).append("]\nfund,balance at the end\n");
        r.fundsEnd().forEach((k, v) -> out.append(k).append(',').append(Numbers.show(v)).append('\n'));
        out.append('\n').append('[').append(ACCOUNTS).append("]\n")
                .append("account,equity start,equity end,liquidated notional,adl size,haircut,bad debt,events\n");
        for (AccountOutcome o : r.outcomes()) {
            if (!o.touched()) continue;
            out.append(String.join(",", o.accountId(), n(o.equityStart()), n(o.equityEnd()), n(o.liquidatedNotional()),
                    n(o.adlSize()), n(o.haircut()), n(o.badDebt()), String.valueOf(o.events()))).append('\n');
        }
        return out.toString();
    }

    private static String stepColumns(RunResult r) {
        List<String> cols = new ArrayList<>(List.of("step"));
        if (!r.steps().isEmpty()) r.steps().get(0).marks().keySet().forEach(m -> cols.add("mark " + m));
        cols.addAll(List.of("rounds", "round cap hit", "liquidations", "liquidated notional", "shortfall", "fund",
                "fund paid", "backstop", "adl fills", "adl notional", "adl haircut", "adl covered", "socialized",
                "bad debt"));
        return String.join(",", cols);
    }

    private static String stepRow(StepMetrics s) {
        List<String> cells = new ArrayList<>(List.of(String.valueOf(s.step())));
        s.marks().values().forEach(m -> cells.add(n(m)));
        cells.addAll(
                List.of(String.valueOf(s.rounds()), s.roundCapHit() ? "yes" : "no", String.valueOf(s.liquidations()),
                n(s.liquidationNotional()), n(s.shortfall()), n(s.fundBalance()), n(s.fundPaid()),
                n(s.backstopEquity()),
                String.valueOf(s.adlCount()), n(s.adlNotional()), n(s.adlHaircut()), n(s.adlCovered()),
                n(s.socialized()), n(s.badDebt())));
        return String.join(",", cells);
    }

    private static String n(BigDecimal d) { return Numbers.show(d); }

    /** Reads the text back; lines starting with {@code #} and blank lines are ignored. */
    static Parsed parse(String text) {
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, Section> sections = new LinkedHashMap<>();
        String current = null;
        String columns = null;
        Map<String, String> rows = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[") && line.endsWith("]")) {
                if (current != null) sections.put(current, new Section(columns, rows));
                current = line.substring(1, line.length() - 1);
                columns = null;
                rows = new LinkedHashMap<>();
            } else if (current == null) {
                int colon = line.indexOf(':');
                if (colon > 0) header.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            } else if (columns == null) {
                columns = line;
            } else {
                int comma = line.indexOf(',');
                rows.put(comma < 0 ? line : line.substring(0, comma), line);
            }
        }
        if (current != null) sections.put(current, new Section(columns, rows));
        return new Parsed(header, sections);
    }
}
