package org.deleveraging.accounts;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.input.Bound;
import org.deleveraging.input.YamlNode;

/**
 * The markets an imported account set may trade, each with the reference mark its summary is measured at. Without a
 * markets file these are the demo markets (BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT at the demo's start marks), so that
 * every shipped scenario runs on an imported set; a markets file names its own:
 *
 * <pre>
 * markets:
 *   BTCUSDT: { type: linear, asset: USDT, tick: 0.1, lot: 0.001, depth: 6000000, impact: 0.3, mark: 122000 }
 *   XBTUSD:  { type: inverse, asset: XBT, tick: 0.5, lot: 1, contractValue: 1, bidDepth: 2000000, askDepth: 2500000,
 *              mark: 122000 }
 * </pre>
 *
 * {@code depth} is the notional per 1 % price move on each side (or {@code bidDepth} and {@code askDepth}),
 * {@code impact} the share of a fill's impact that stays in the mark (default 0.3), {@code contractValue} defaults to
 * 1.
 */
public record KnownMarkets(Map<String, Market> markets, Map<String, BigDecimal> marks) {

    public static KnownMarkets demo() {
        Map<String, Market> m = new LinkedHashMap<>();
        for (Market market : DemoData.markets()) m.put(market.symbol(), market);
        return new KnownMarkets(m, DemoData.startMarks());
    }

    public static KnownMarkets read(Path file) {
        YamlNode root = YamlNode.load(file, file.toString().replace('\\', '/')).onlyKeys(List.of("markets"));
        Map<String, Market> markets = new LinkedHashMap<>();
        Map<String, BigDecimal> marks = new LinkedHashMap<>();
        for (var e : root.get("markets").asMap().entrySet()) {
            String symbol = e.getKey();
            YamlNode n = e.getValue().onlyKeys(List.of("type", "asset", "tick", "lot", "contractValue", "depth",
                    "bidDepth", "askDepth", "impact", "mark"));
            if (!symbol.matches("[A-Za-z0-9._-]{1,32}")) throw n.error(
                    "a market symbol is up to 32 letters and digits");
            BigDecimal depth = n.opt("depth").map(v -> v.positive(Bound.AMOUNT)).orElse(null);
            BigDecimal bid = n.opt("bidDepth").map(v -> v.positive(Bound.AMOUNT)).orElse(depth);
            BigDecimal ask = n.opt("askDepth").map(v -> v.positive(Bound.AMOUNT)).orElse(depth);
            if (bid == null
                    || ask == null) throw n.error("give depth, or bidDepth and askDepth (notional per 1 % move)");
            BigDecimal impact = n.opt("impact").map(v -> v.nonNegative(Bound.RATE)).orElse(new BigDecimal("0.3"));
            if (impact.compareTo(BigDecimal.ONE) > 0) throw n.get("impact").error("must be between 0 and 1");
            markets.put(symbol,
                    new Market(symbol, n.get("type").choice(ContractType.class), n.get("asset").text().trim(),
                    n.get("tick").positive(Bound.PRICE), n.get("lot").positive(Bound.SIZE),
                    n.opt("contractValue").map(v -> v.positive(Bound.SIZE)).orElse(BigDecimal.ONE),
                    new Liquidity(bid, ask, impact)));
            marks.put(symbol, n.get("mark").positive(Bound.PRICE));
        }
        if (markets.isEmpty()) throw root.get("markets").error("name at least one market");
        return new KnownMarkets(markets, marks);
    }

    public String names() { return String.join(", ", markets.keySet()); }
}
