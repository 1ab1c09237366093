package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deleveraging.domain.Side;
import org.deleveraging.input.Bound;
import org.deleveraging.input.YamlNode;

/**
 * Reads a case's {@code then:} section into expectations. Every account, market and rule it names must exist (a typo
 * would otherwise make a check that can never pass, or one that passes for the wrong reason).
 *
 * <pre>
 * then:
 *   liquidations: [ { account: short, size: 20, price: 650 } ]
 *   waterfall: { shortfall: 200, fundPaid: 0, adl: 200, socialized: 0, badDebt: 0 }
 *   adl:
 *     - { account: acct2, against: short, size: 10, price: 650 }
 *   queue:
 *     - { market: XBTUSD, side: long, order: [acct2, acct5, acct4], lights: [5, 4, 3] }
 *   socialized: [ { account: w1, amount: 4.8 } ]
 *   accounts: [ { id: short, equity: 0, badDebt: 0 } ]
 *   untouched: [acct3]
 *   funds: { XBTUSD: 0 }
 *   rulesFired: [RANK-BITMEX-010]          # or with counts: { LIQ-TIER-030: 1 }
 *   rulesNotFired: [WF-010]
 *   tolerance: { amount: 0.5, reason: fills are rounded to the 0.5 tick }
 * </pre>
 */
final class ThenReader {
    private final Given given;
    private final Set<String> ruleIds;
    private final Set<String> accountIds;
    private final Set<String> markets;

    private ThenReader(Given given, Set<String> ruleIds) {
        this.given = given;
        this.ruleIds = ruleIds;
        this.accountIds = given.accountIds();
        this.markets = given.accounts().markets().keySet();
    }

    record Then(List<Expectation> expectations, Tolerance tolerance) {}

    static Then read(YamlNode then, Given given, Set<String> ruleIds) {
        return new ThenReader(given, ruleIds).read(then);
    }

    private Then read(YamlNode then) {
        List<String> keys = new ArrayList<>();
        for (EventList l : EventList.values()) keys.add(l.key);
        keys.addAll(List.of("waterfall", "funds", "queue", "accounts", "untouched", "rulesFired", "rulesNotFired",
                "tolerance"));
        then.onlyKeys(keys);
        List<Expectation> out = new ArrayList<>();
        for (EventList l : EventList.values()) then.opt(l.key).ifPresent(n -> out.add(events(l, n)));
        if (then.opt("waterfall").isPresent() || then.opt("funds").isPresent())
            out.add(new FiguresExpectation(then.opt("waterfall").map(this::totals).orElse(Map.of()),
                    then.opt("funds").map(this::funds).orElse(Map.of())));
        then.opt("queue").ifPresent(q -> q.asList().forEach(n -> out.add(queue(n))));
        if (then.opt("accounts").isPresent() || then.opt("untouched").isPresent())
            out.add(new AccountsExpectation(then.opt("accounts").map(this::accounts).orElse(Map.of()),
                    then.opt("untouched").map(n -> accountList(n)).orElse(List.of())));
        if (then.opt("rulesFired").isPresent() || then.opt("rulesNotFired").isPresent())
            out.add(new RulesExpectation(then.opt("rulesFired").map(this::mustFire).orElse(Map.of()),
                    then.opt("rulesNotFired").map(n -> rules(n)).orElse(List.of())));
        if (out.isEmpty()) throw then.error("nothing is expected; a case must expect at least one outcome");
        Tolerance tolerance = then.opt("tolerance").map(ThenReader::tolerance).orElse(Tolerance.EXACT);
        return new Then(out, tolerance);
    }

    private Expectation events(EventList list, YamlNode node) {
        List<Row> rows = new ArrayList<>();
        for (YamlNode item : node.asList()) {
            item.onlyKeys(list.fields);
            item.get("account");
            Map<String, Object> fields = new LinkedHashMap<>();
            for (String f : list.fields) item.opt(f).ifPresent(v -> fields.put(f, value(f, v)));
            rows.add(new Row(fields));
        }
        return new EventListExpectation(list, rows);
    }

    private Object value(String field, YamlNode v) {
        if (EventList.NUMERIC.contains(field)) return v.decimal(Bound.EXPECTED);
        return switch (field) {
            case "account", "against" -> account(v);
            case "market" -> market(v);
            case "side" -> side(v);
            case "rule" -> rule(v);
            case "step" -> String.valueOf(v.integer());
            default -> v.text();
        };
    }

    private Map<Figure, BigDecimal> totals(YamlNode node) {
        node.onlyKeys(Figure.keys());
        Map<Figure, BigDecimal> out = new LinkedHashMap<>();
        for (Figure f : Figure.values()) node.opt(f.key).ifPresent(v -> out.put(f, v.decimal(Bound.EXPECTED)));
        return out;
    }

    private Map<String, BigDecimal> funds(YamlNode node) {
        Set<String> keys = new java.util.TreeSet<>(markets);
        given.accounts().markets().values().forEach(m -> keys.add(m.settlementAsset()));
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        node.asMap().forEach((k, v) -> {
            if (!keys.contains(k)) throw v.error("no insurance fund can be called " + k
                    + "; funds are keyed by market or asset " + keys);
            out.put(k, v.decimal(Bound.EXPECTED));
        });
        return out;
    }

    private Expectation queue(YamlNode node) {
        node.onlyKeys(List.of("market", "side", "step", "order", "lights", "percentiles"));
        List<String> order = accountList(node.get("order"));
        List<Integer> lights = node.opt("lights").map(ThenReader::integers).orElse(null);
        List<Integer> percentiles = node.opt("percentiles").map(ThenReader::integers).orElse(null);
        if (lights != null && lights.size() != order.size())
            throw node.get("lights").error("give one light count per queued account (" + order.size() + ")");
        if (percentiles != null && percentiles.size() != order.size())
            throw node.get("percentiles").error("give one percentile per queued account (" + order.size() + ")");
        return new QueueExpectation(market(node.get("market")), side(node.get("side")),
                node.opt("step").map(YamlNode::integer).orElse(null), order, lights, percentiles);
    }

    private Map<String, Map<String, BigDecimal>> accounts(YamlNode node) {
        Map<String, Map<String, BigDecimal>> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(List.of("id"));
        keys.addAll(AccountsExpectation.FIELDS.keySet());
        for (YamlNode item : node.asList()) {
            item.onlyKeys(keys);
            String id = account(item.get("id"));
            Map<String, BigDecimal> figures = new LinkedHashMap<>();
            for (String f : AccountsExpectation.FIELDS.keySet()) item.opt(f)
                    .ifPresent(v -> figures.put(f, v.decimal(Bound.EXPECTED)));
            if (figures.isEmpty()) throw item.error("name at least one of " + AccountsExpectation.FIELDS.keySet());
            if (out.put(id, figures) != null) throw item.get("id").error("account " + id + " is listed twice");
        }
        return out;
    }

    private Map<String, Integer> mustFire(YamlNode node) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (node.isList()) {
            for (YamlNode r : node.asList()) out.put(rule(r), RulesExpectation.ANY);
        } else {
            node.asMap().forEach((id, times) -> {
                if (!ruleIds.contains(id)) throw times.error(unknownRule(id));
                int n = times.integer();
                if (n < 1) throw times.error(
                        "a rule that must fire fires at least once; list it under rulesNotFired instead");
                out.put(id, n);
            });
        }
        return out;
    }

    private List<String> rules(YamlNode node) {
        List<String> out = new ArrayList<>();
        for (YamlNode r : node.asList()) out.add(rule(r));
        return out;
    }

    private List<String> accountList(YamlNode node) {
        List<String> out = new ArrayList<>();
        for (YamlNode a : node.asList()) out.add(account(a));
        return out;
    }

    private String account(YamlNode v) {
        String id = v.text().trim();
        if (!accountIds.contains(id)) throw v.error("no account " + id + " is given");
        return id;
    }

    private String market(YamlNode v) {
        String m = v.text().trim();
        if (!markets.contains(m)) throw v.error("market " + m + " is not among the given markets " + markets);
        return m;
    }

    private static String side(YamlNode v) {
        try {
            return Side.parse(v.text()).name().toLowerCase();
        } catch (IllegalArgumentException e) {
            throw v.error(e.getMessage());
        }
    }

    private String rule(YamlNode v) {
        String id = v.text().trim();
        if (!ruleIds.contains(id)) throw v.error(unknownRule(id));
        return id;
    }

    private String unknownRule(String id) {
        return "the policy has no rule " + id + "; its rules are "
                + String.join(", ", new java.util.TreeSet<>(ruleIds));
    }

    private static List<Integer> integers(YamlNode node) {
        List<Integer> out = new ArrayList<>();
        for (YamlNode n : node.asList()) out.add(n.integer());
        return out;
    }

    private static Tolerance tolerance(YamlNode node) {
        node.onlyKeys(List.of("amount", "reason"));
        BigDecimal amount = node.get("amount").nonNegative(Bound.EXPECTED);
        String reason = node.get("reason").text().trim();
        if (reason.isEmpty()) throw node.get("reason").error("say why this case cannot be exact");
        return new Tolerance(amount, reason);
    }
}
