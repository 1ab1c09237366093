package org.deleveraging.cases;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Side;
import org.deleveraging.input.ContainedPath;
import org.deleveraging.input.Decimals;
import org.deleveraging.input.Ids;
import org.deleveraging.input.Bound;
import org.deleveraging.input.InputException;
import org.deleveraging.input.YamlNode;

/**
 * Reads a case's {@code given:} section.
 *
 * <pre>
 * given:
 *   markets:
 *     XBTUSD: { tick: 0.5, lot: 1 }            # linear, USDT, a deep book and no lasting impact unless told
 *   accounts:
 *     - { id: acct1, wallet: 120, positions: [long 10 XBTUSD @ 650] }
 *     - { id: iso1, mode: isolated, wallet: 0, positions: [short 2 XBTUSD @ 600 margin 40] }
 *   insuranceFund: { XBTUSD: 0 }               # per market, or per settlement asset
 *   backstop: { USDT: 5000 }
 *   parameters: { adlThreshold: 0.3 }          # replaces the policy's value for this case only
 *   settings: { haircut: { severity: 0.5 } }   # see SettingsOverrides
 * </pre>
 *
 * {@code accounts:} may instead name a CSV file beside the case (see {@link AccountCsv}): a path relative to the case's
 * folder that stays inside the policy's folder, also after following links. A case is untrusted input; it never
 * reads a file from elsewhere.
 */
final class GivenReader {
    /** A book deep enough that no case-sized order moves the price by a tick: fills land at the mark. */
    static final BigDecimal DEEP_BOOK = new BigDecimal("1000000000");
    private static final Pattern POSITION = Pattern.compile(
            "(?i)\\s*(long|short)\\s+(\\S+)\\s+(\\S+)\\s*@\\s*(\\S+?)(?:\\s+margin\\s+(\\S+))?\\s*");

    private GivenReader() {}

    static Given read(YamlNode given, Path caseFolder, Path policyFolder, String setName) {
        given.onlyKeys(List.of("markets", "accounts", "insuranceFund", "backstop", "parameters", "settings"));
        Map<String, Market> markets = new LinkedHashMap<>();
        given.get("markets").asMap().forEach((symbol, m) -> markets.put(symbol, market(symbol, m)));
        if (markets.isEmpty()) throw given.get("markets").error("name at least one market");
        YamlNode accountsNode = given.get("accounts");
        List<Account> accounts = accountsNode.isScalar()
                ? AccountCsv.read(ContainedPath.resolve(policyFolder, caseFolder, accountsNode.text(), null,
                        "the policy's folder " + Display.of(policyFolder) + "/", accountsNode::error), accountsNode,
                        markets)
                : inline(accountsNode, markets);
        AccountSet set = new AccountSet(setName, markets, accounts);
        Map<String, BigDecimal> funds = given.opt("insuranceFund").map(n -> amounts(n, markets, true)).orElse(null);
        Map<String, BigDecimal> backstop = given.opt("backstop").map(n -> amounts(n, markets, false)).orElse(null);
        Map<String, BigDecimal> parameters = new LinkedHashMap<>();
        given.opt("parameters").ifPresent(p -> p.asMap().forEach((k, v) -> parameters.put(k, v.decimal())));
        return new Given(set, funds, backstop, parameters);
    }

    private static Market market(String symbol, YamlNode m) {
        m.onlyKeys(List.of("type", "asset", "tick", "lot", "contractValue", "depth", "bidDepth", "askDepth",
                "permanentImpact"));
        ContractType type = m.opt("type").map(t -> t.choice(ContractType.class)).orElse(ContractType.LINEAR);
        String asset = m.opt("asset").map(YamlNode::text).orElse(null);
        if (asset == null && type == ContractType.INVERSE)
            throw m.error("an inverse market settles in its coin: give asset (e.g. asset: BTC)");
        BigDecimal depth = m.opt("depth").map(n -> n.positive(Bound.AMOUNT)).orElse(DEEP_BOOK);
        BigDecimal bid = m.opt("bidDepth").map(n -> n.positive(Bound.AMOUNT)).orElse(depth);
        BigDecimal ask = m.opt("askDepth").map(n -> n.positive(Bound.AMOUNT)).orElse(depth);
        BigDecimal impact = m.opt("permanentImpact").map(n -> n.nonNegative(Bound.RATE)).orElse(BigDecimal.ZERO);
        try {
            return new Market(symbol, type, asset == null ? "USDT" : asset, m.get("tick").positive(Bound.PRICE),
                    m.get("lot").positive(Bound.SIZE),
                    m.opt("contractValue").map(n -> n.positive(Bound.SIZE)).orElse(BigDecimal.ONE),
                    new Liquidity(bid, ask, impact));
        } catch (IllegalArgumentException e) {
            throw m.error(e.getMessage());
        }
    }

    private static List<Account> inline(YamlNode list, Map<String, Market> markets) {
        List<Account> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (YamlNode a : list.asList()) {
            a.onlyKeys(List.of("id", "mode", "wallet", "positions"));
            String id = a.get("id").text().trim();
            String idProblem = Ids.problem(id, "an account id");
            if (idProblem != null) throw a.get("id").error(idProblem);
            if (!seen.add(id)) throw a.get("id").error("account " + id + " is given twice");
            MarginMode mode = a.opt("mode").map(n -> n.choice(MarginMode.class)).orElse(MarginMode.CROSS);
            BigDecimal wallet = a.get("wallet").nonNegative(Bound.AMOUNT);
            List<Position> positions = new ArrayList<>();
            a.opt("positions").ifPresent(ps -> ps.asList().forEach(p -> positions.add(position(p, mode, markets))));
            out.add(new Account(id, mode, wallet, positions));
        }
        if (out.isEmpty()) throw list.error("give at least one account");
        return out;
    }

    /** "long 10 XBTUSD @ 650", or "short 2 XBTUSD @ 600 margin 40" for an isolated position. */
    static Position position(YamlNode node, MarginMode mode, Map<String, Market> markets) {
        Matcher m = POSITION.matcher(node.text());
        if (!m.matches())
            throw node.error("a position reads 'long 10 XBTUSD @ 650' (isolated: '... margin 40'), got '" + node.text()
                    + "'");
        try {
            return position(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), mode, markets);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    /** Builds a position from its words; a wrong word is an IllegalArgumentException saying which. */
    static Position position(String side, String size, String market, String entry, String margin, MarginMode mode,
                             Map<String, Market> markets) {
        if (!markets.containsKey(market))
            throw new IllegalArgumentException("market " + market + " is not among the given markets "
                    + markets.keySet());
        if (mode == MarginMode.ISOLATED && (margin == null || margin.isBlank()))
            throw new IllegalArgumentException("an isolated position needs its margin ('... margin 40')");
        if (mode == MarginMode.CROSS && margin != null && !margin.isBlank())
            throw new IllegalArgumentException(
                    "a cross account's positions share its wallet; margin is for isolated accounts");
        return new Position(market, Side.parse(side), number("size", size, Bound.SIZE),
                number("entry price", entry, Bound.PRICE),
                margin == null || margin.isBlank() ? BigDecimal.ZERO : number("margin", margin, Bound.AMOUNT));
    }

    private static BigDecimal number(String what, String text, Bound bound) {
        try {
            return Decimals.parse(text.replace("_", ""), bound);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + Bound.shown(text) + "'");
        } catch (Bound.OutOfRange e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
    }

    /** Opening balances keyed by market symbol or settlement asset. */
    private static Map<String, BigDecimal> amounts(YamlNode node, Map<String, Market> markets, boolean marketsToo) {
        java.util.Set<String> assets = new java.util.TreeSet<>();
        markets.values().forEach(m -> assets.add(m.settlementAsset()));
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        node.asMap().forEach((key, v) -> {
            boolean known = assets.contains(key) || (marketsToo && markets.containsKey(key));
            if (!known) throw new InputException(v.source(), v.line(), v.path(), (marketsToo
                    ? "neither a given market nor a settlement asset" : "not a settlement asset of the given markets")
                    + " (" + String.join(", ", assets) + ")");
            out.put(key, v.nonNegative(Bound.AMOUNT));
        });
        return out;
    }
}
