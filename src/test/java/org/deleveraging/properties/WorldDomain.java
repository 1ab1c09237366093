package org.deleveraging.properties;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.accounts.AccountSetGenerator;
import org.deleveraging.accounts.GeneratorSettings;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.domains.DomainContextBase;

/**
 * Every generator of the property tests in one place: small account sets drawn by {@link AccountSetGenerator} with
 * random knobs (5-60 accounts on 1-3 markets, leverage from cautious to reckless, skewed books, isolated accounts,
 * whales), and 1-4 step shocks of up to 40 % either way, sometimes with books a hundred times thinner, insurance
 * funds from nothing to generous, and sometimes a backstop vault.
 */
public class WorldDomain extends DomainContextBase {

    /** Linear USDT perps at round late-2025 prices, with their tick and lot sizes. */
    private static final List<Template> LINEAR = List.of(
            new Template("BTCUSDT", ContractType.LINEAR, "USDT", "0.1", "0.001", "121000"),
            new Template("ETHUSDT", ContractType.LINEAR, "USDT", "0.01", "0.001", "4350"),
            new Template("SOLUSDT", ContractType.LINEAR, "USDT", "0.01", "1", "222"),
            new Template("XRPUSDT", ContractType.LINEAR, "USDT", "0.0001", "0.1", "2.8"));
    /** A coin-margined perp: one 1-USD contract, margined and settled in BTC. */
    private static final Template INVERSE = new Template("BTCUSD", ContractType.INVERSE, "BTC", "0.5", "1", "121000");

    record Template(String symbol, ContractType type, String asset, String tick, String lot, String price) {}

    @Provide
    public Arbitrary<World> worlds() {
        return Combinators.combine(templates(), knobs()).as(Tuple::of)
                .flatMap(t -> Combinators.combine(markets(t.get1(), t.get2()), Arbitraries.longs())
                        .as(Tuple::of)
                        .flatMap(m -> scenario(m.get1(), t.get2()).map(s -> world(m.get1(), t.get2(), m.get2(), s))));
    }

    /** The generator's knobs other than markets and seed. */
    record Knobs(int accounts, double medianLeverage, double leverageSpread, double maxLeverage, double longShare,
                 double isolatedShare, double whaleShare, double whaleMultiplier, double meanUsd,
                 int positionsPerAccount) {}

    private static Arbitrary<List<Template>> templates() {
        Arbitrary<List<Template>> linear = Arbitraries.of(LINEAR).list().uniqueElements().ofMinSize(1).ofMaxSize(3)
                .map(l -> LINEAR.stream().filter(l::contains).toList());
        return Arbitraries.frequencyOf(Tuple.of(5, linear), Tuple.of(1, Arbitraries.just(List.of(INVERSE))));
    }

    private static Arbitrary<Knobs> knobs() {
        Arbitrary<Integer> accounts = Arbitraries.integers().between(5, 60);
        Arbitrary<Double> median = Arbitraries.doubles().between(1, 30).ofScale(1);
        Arbitrary<Double> spread = Arbitraries.doubles().between(0, 1.2).ofScale(2);
        Arbitrary<Double> cap = Arbitraries.doubles().between(5, 100).ofScale(0);
        Arbitrary<Double> longShare = Arbitraries.doubles().between(0.1, 0.9).ofScale(2);
        Arbitrary<Double> isolated = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0.0)),
                Tuple.of(3, Arbitraries.doubles().between(0, 1).ofScale(2)));
        Arbitrary<Double> whales = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0.0)),
                Tuple.of(2, Arbitraries.doubles().between(0, 0.3).ofScale(2)));
        Arbitrary<Double> whaleSize = Arbitraries.doubles().between(1, 50).ofScale(0);
        Arbitrary<Double> meanUsd = Arbitraries.doubles().between(100, 100_000).ofScale(0);
        Arbitrary<Integer> perAccount = Arbitraries.integers().between(1, 3);
        return Combinators.combine(Combinators.combine(accounts, median, spread, cap, longShare).as(Tuple::of),
                        Combinators.combine(isolated, whales, whaleSize, meanUsd, perAccount).as(Tuple::of))
                .as((a, b) -> new Knobs(a.get1(), a.get2(), a.get3(), a.get4(), a.get5(),
                        b.get1(), b.get2(), b.get3(), b.get4(), b.get5()));
    }

    /**
     * Each market's book: depth per 1 % from a sliver of the set's open interest (a gap no order can cross) to half
     * of it, and the share of impact that stays in the mark.
     */
    private static Arbitrary<List<Market>> markets(List<Template> templates, Knobs k) {
        double openInterestUsd = k.accounts() * k.meanUsd();
        return Combinators.combine(templates.stream().map(t -> Combinators.combine(
                                Arbitraries.doubles().between(0.005, 0.5).ofScale(3),
                                Arbitraries.doubles().between(0, 1).ofScale(2))
                        .as((depthShare, permanent) -> market(t, openInterestUsd * depthShare, permanent))).toList())
                .as(List::copyOf);
    }

    private static Market market(Template t, double depthUsd, double permanent) {
        BigDecimal depth = BigDecimal.valueOf(Math.max(100, Math.round(depthUsd)));
        return new Market(t.symbol(), t.type(), t.asset(), new BigDecimal(t.tick()), new BigDecimal(t.lot()),
                BigDecimal.ONE, new Liquidity(depth, depth, BigDecimal.valueOf(permanent)));
    }

    /** A path of 1-4 steps: a move shared by every market plus a little of each one's own, and sometimes thin books. */
    private static Arbitrary<Scenario> scenario(List<Market> markets, Knobs k) {
        Arbitrary<Double> common = Arbitraries.doubles().between(-0.4, 0.4).ofScale(3);
        Arbitrary<List<Double>> own = Arbitraries.doubles().between(-0.1, 0.1).ofScale(3).list().ofSize(markets.size());
        Arbitrary<Double> depth = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(1.0)),
                Tuple.of(2, Arbitraries.of(0.01, 0.05, 0.2, 0.5)));
        Arbitrary<StepDraw> step = Combinators.combine(common, own, depth).as(StepDraw::new);
        Arbitrary<List<StepDraw>> steps = step.list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Double> fundShare = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0.0)),
                Tuple.of(4, Arbitraries.doubles().between(0.0001, 0.01).ofScale(4)),
                Tuple.of(3, Arbitraries.doubles().between(0.05, 0.5).ofScale(2)));
        Arbitrary<Double> backstopShare = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(-1.0)),
                Tuple.of(2, Arbitraries.doubles().between(0, 1).ofScale(2)));
        return Combinators.combine(steps, fundShare.list().ofSize(markets.size()), backstopShare, Arbitraries.longs())
                .as((s, funds, backstop, seed) -> scenario(markets, k, s, funds, backstop, seed));
    }

    record StepDraw(double common, List<Double> own, double depth) {}

    private static Scenario scenario(List<Market> markets, Knobs k, List<StepDraw> draws, List<Double> fundShares,
                                     double backstopShare, long seed) {
        List<ScenarioStep> steps = new ArrayList<>();
        Map<String, BigDecimal> start = new LinkedHashMap<>();
        for (Market m : markets) start.put(m.symbol(), startPrice(m));
        steps.add(new ScenarioStep(start, Map.of()));
        for (StepDraw d : draws) {
            Map<String, BigDecimal> marks = new LinkedHashMap<>();
            Map<String, BigDecimal> depth = new LinkedHashMap<>();
            for (int i = 0; i < markets.size(); i++) {
                Market m = markets.get(i);
                double move = Math.max(-0.4, Math.min(0.4, d.common() + d.own().get(i)));
                marks.put(m.symbol(), m.toTick(start.get(m.symbol()).multiply(BigDecimal.valueOf(1 + move))));
                if (d.depth() != 1.0) depth.put(m.symbol(), BigDecimal.valueOf(d.depth()));
            }
            steps.add(new ScenarioStep(marks, depth));
        }
        double openInterest = k.accounts() * meanNotional(markets.get(0), k);
        Map<String, BigDecimal> funds = new LinkedHashMap<>();
        for (int i = 0; i < markets.size(); i++)
            funds.put(markets.get(i).symbol(), money(markets.get(i), openInterest * fundShares.get(i)));
        Map<String, BigDecimal> backstop = backstopShare < 0 ? Map.of()
                : Map.of(markets.get(0).settlementAsset(), money(markets.get(0), openInterest * backstopShare));
        return new Scenario("generated", "", seed, steps, funds, backstop);
    }

    private static World world(List<Market> markets, Knobs k, long seed, Scenario scenario) {
        GeneratorSettings settings = new GeneratorSettings(k.accounts(), markets,
                markets.stream().map(WorldDomain::startPrice).toList(), k.medianLeverage(), k.leverageSpread(),
                k.maxLeverage(), k.longShare(), k.isolatedShare(), k.whaleShare(), k.whaleMultiplier(),
                meanNotional(markets.get(0), k), k.positionsPerAccount(), seed);
        AccountSet set = new AccountSetGenerator().generate("generated", settings);
        return new World(settings, set, scenario);
    }

    private static BigDecimal startPrice(Market m) {
        return new BigDecimal((m.type() == ContractType.LINEAR ? LINEAR.stream() : java.util.stream.Stream.of(INVERSE))
                .filter(t -> t.symbol().equals(m.symbol())).findFirst().orElseThrow().price());
    }

    /** The typical notional in the settlement asset: USD for USDT perps, coin for the inverse one. */
    private static double meanNotional(Market m, Knobs k) {
        return m.type() == ContractType.LINEAR ? k.meanUsd() : k.meanUsd() / startPrice(m).doubleValue();
    }

    private static BigDecimal money(Market m, double amount) {
        return Money.clean(BigDecimal.valueOf(amount)
                .setScale(m.type() == ContractType.LINEAR ? 2 : 8, RoundingMode.FLOOR));
    }
}
