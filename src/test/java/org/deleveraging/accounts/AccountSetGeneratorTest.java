package org.deleveraging.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.deleveraging.support.Fixtures.d;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Side;
import org.junit.jupiter.api.Test;

class AccountSetGeneratorTest {
    private final AccountSetGenerator generator = new AccountSetGenerator();

    private static Market usdt(String symbol, String tick, String lot, String depth) {
        return new Market(symbol, ContractType.LINEAR, "USDT", d(tick), d(lot), BigDecimal.ONE,
                new Liquidity(d(depth), d(depth), d("0.5")));
    }

    private static final Market BTC = usdt("BTCUSDT", "0.1", "0.001", "3000000");
    private static final Market SOL = usdt("SOLUSDT", "0.01", "1", "1000000");
    private static final Market XBT = new Market("BTCUSD", ContractType.INVERSE, "BTC", d("0.5"), d("1"),
            BigDecimal.ONE, new Liquidity(d("2000000"), d("2000000"), d("0.5")));

    /** 4,000 accounts, median 10x, half long, a fifth isolated, no whales, up to two markets. */
    private static GeneratorSettings settings() {
        return new GeneratorSettings(4_000, List.of(BTC, SOL), List.of(d("122000"), d("220")), 10, 0.7, 50, 0.5, 0.2,
                0, 20, 10_000, 2, 42);
    }

    private static GeneratorSettings with(GeneratorSettings s, double longShare, double isolatedShare,
            double whaleShare) {
        return new GeneratorSettings(s.accounts(), s.markets(), s.startPrices(), s.medianLeverage(), s.leverageSpread(),
                s.maxLeverage(), longShare, isolatedShare, whaleShare, s.whaleMultiplier(), s.meanNotional(),
                s.positionsPerAccount(), s.seed());
    }

    private static List<Position> positions(AccountSet set) {
        return set.accounts().stream().flatMap(a -> a.positions().stream()).toList();
    }

    private static double share(List<Account> accounts, Predicate<Account> p) {
        return accounts.stream().filter(p).count() / (double) accounts.size();
    }

    /** Notional at entry over the margin behind it: what the generator drew as leverage. */
    private static double leverageAtEntry(AccountSet set, Account a) {
        double notional = 0;
        double margin = a.mode() == MarginMode.CROSS ? a.walletBalance().doubleValue() : 0;
        for (Position p : a.positions()) {
            notional += set.market(p.market()).value(p.size(), p.entryPrice()).doubleValue();
            margin += p.isolatedMargin().doubleValue();
        }
        return notional / margin;
    }

    @Test
    void the_same_seed_gives_the_same_accounts_and_another_seed_other_ones() {
        AccountSet once = generator.generate("x", settings());
        assertThat(generator.generate("x", settings())).isEqualTo(once);
        assertThat(generator.generate("x", settings().withSeed(43)).accounts()).isNotEqualTo(once.accounts());
    }

    @Test
    void account_ids_are_unique_fixed_width_and_sort_in_creation_order() {
        List<String> ids = generator.generate("x", settings()).accounts().stream().map(Account::id).toList();
        assertThat(ids).hasSize(4_000).doesNotHaveDuplicates().isSorted();
        assertThat(ids.get(0)).isEqualTo("A000001");
        assertThat(ids.get(3_999)).isEqualTo("A004000");
        assertThat(AccountSetGenerator.id(1_234_567, 7)).isEqualTo("A1234567");
    }

    @Test
    void every_account_holds_one_to_the_maximum_positions_on_distinct_markets() {
        AccountSet set = generator.generate("x", settings());
        assertThat(set.accounts()).allSatisfy(a -> {
            assertThat(a.positions()).hasSizeBetween(1, 2);
            assertThat(a.positions().stream().map(Position::market)).doesNotHaveDuplicates();
        });
        assertThat(share(set.accounts(), a -> a.positions().size() == 2)).isBetween(0.3, 0.7);
    }

    @Test
    void sizes_are_whole_lots_and_entry_prices_lie_on_the_tick_grid() {
        AccountSet set = generator.generate("x", settings());
        assertThat(positions(set)).allSatisfy(p -> {
            Market m = set.market(p.market());
            assertThat(p.size().remainder(m.lotSize())).isZero();
            assertThat(p.entryPrice().remainder(m.tickSize())).isZero();
            assertThat(p.size()).isPositive();
        });
    }

    @Test
    void leverage_is_log_normal_around_the_median_and_capped() {
        AccountSet set = generator.generate("x", settings());
        List<Double> leverage = set.accounts().stream().map(a -> leverageAtEntry(set, a)).sorted().toList();
        // drawn around 10x; the margin behind it is at least the initial margin at that leverage, and more where the
        // position must also pay a loss from entry to the start prices or keep twice its reference maintenance
        // (a 10,000 SOL position: 175 of maintenance, so at most about 28x): the realised median is a little lower
        assertThat(leverage.get(leverage.size() / 2)).isBetween(7.0, 10.5);
        // the margin is rounded up to the cent, so the cap holds from below
        assertThat(leverage.get(leverage.size() - 1)).isLessThanOrEqualTo(50.0);
        assertThat(leverage.stream().filter(l -> l > 45).count()).as("the tail reaches the cap").isPositive();
    }

    @Test
    void cross_wallets_and_isolated_margins_are_the_entry_notional_over_the_leverage() {
        AccountSet set = generator.generate("x", settings());
        assertThat(set.accounts()).allSatisfy(a -> {
            if (a.mode() == MarginMode.CROSS) {
                assertThat(a.positions()).allSatisfy(p -> assertThat(p.isolatedMargin()).isZero());
                assertThat(a.walletBalance()).isPositive();
            } else {
                assertThat(a.positions()).allSatisfy(p -> assertThat(p.isolatedMargin()).isPositive());
                assertThat(a.walletBalance()).as("a free balance of up to half the margin").isNotNegative();
            }
        });
        assertThat(share(set.accounts(), a -> a.mode() == MarginMode.ISOLATED)).isCloseTo(0.2, within(0.03));
    }

    @Test
    void the_long_short_skew_sets_the_share_of_long_positions() {
        AccountSet set = generator.generate("x", with(settings(), 0.7, 0.2, 0));
        List<Position> all = positions(set);
        assertThat(all.stream().filter(p -> p.side() == Side.LONG).count() / (double) all.size())
                .isCloseTo(0.7, within(0.03));
    }

    @Test
    void entries_spread_around_the_start_price_so_some_start_in_profit_and_some_in_loss() {
        AccountSet set = generator.generate("x", settings());
        Map<Boolean, Long> inProfit = positions(set).stream().filter(p -> p.market().equals("BTCUSDT"))
                .collect(Collectors.partitioningBy(p -> p.side().sign() * d("122000").compareTo(p.entryPrice()) > 0,
                        Collectors.counting()));
        assertThat(inProfit.get(true)).isGreaterThan(500);
        assertThat(inProfit.get(false)).isGreaterThan(500);
    }

    /**
     * Issue 22: a position that starts in loss used to pay it out of its margin (up to half of it), so that a 50x draw
     * started at up to 100x, and at margin ratios below maintenance. The loss is now paid on top of the margin.
     */
    @Test
    void a_loss_from_entry_to_the_start_prices_is_paid_on_top_of_the_margin() {
        AccountSet set = generator.generate("x", settings());
        Map<String, BigDecimal> start = Map.of("BTCUSDT", d("122000"), "SOLUSDT", d("220"));
        List<Account> inLoss = set.accounts().stream().filter(a -> a.mode() == MarginMode.CROSS)
                .filter(a -> startPnl(set, a, start).signum() < 0).toList();
        assertThat(inLoss).hasSizeGreaterThan(500);
        assertThat(inLoss).allSatisfy(a -> {
            BigDecimal notional = a.positions().stream()
                    .map(p -> set.market(p.market()).notional(p.size(), start.get(p.market())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(notional).as(a.id() + ": at most 50x at the start prices")
                    .isLessThanOrEqualTo(a.walletBalance().add(startPnl(set, a, start)).multiply(d(50)));
        });
    }

    private static BigDecimal startPnl(AccountSet set, Account a, Map<String, BigDecimal> start) {
        return a.positions().stream()
                .map(p -> set.market(p.market()).pnl(p.side(), p.size(), p.entryPrice(), start.get(p.market())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void whales_multiply_the_typical_position() {
        double plain = meanNotional(generator.generate("x", with(settings(), 0.5, 0.2, 0)));
        double allWhales = meanNotional(generator.generate("x", with(settings(), 0.5, 0.2, 1)));
        assertThat(allWhales / plain).isCloseTo(20, within(2.0));
        assertThat(plain).isCloseTo(10_000, within(1_000.0));
    }

    private static double meanNotional(AccountSet set) {
        return positions(set).stream()
                .mapToDouble(p -> set.market(p.market()).value(p.size(), p.entryPrice()).doubleValue())
                .average().orElseThrow();
    }

    @Test
    void deeper_books_carry_more_of_the_positions() {
        AccountSet set = generator.generate("x", settings().withAccounts(2_000));
        Map<String, Long> byMarket = set.accounts().stream().map(a -> a.positions().get(0).market())
                .collect(Collectors.groupingBy(m -> m, Collectors.counting()));
        // BTC's book is three times SOL's: three quarters of first positions
        assertThat(byMarket.get("BTCUSDT") / 2_000.0).isCloseTo(0.75, within(0.04));
    }

    @Test
    void an_account_never_mixes_settlement_assets_and_coin_margined_amounts_are_in_coin() {
        GeneratorSettings mixed = new GeneratorSettings(1_000, List.of(BTC, XBT), List.of(d("122000"), d("122000")), 5,
                0.5, 20, 0.5, 0.3, 0, 1, 0.2, 2, 7);
        AccountSet set = generator.generate("x", mixed);
        assertThat(set.accounts()).allSatisfy(a -> assertThat(a.positions().stream()
                .map(p -> set.market(p.market()).settlementAsset()).distinct()).hasSize(1));
        List<Account> coin = set.accounts().stream().filter(a -> a.positions().get(0).market().equals("BTCUSD"))
                .toList();
        assertThat(coin).isNotEmpty().allSatisfy(a -> assertThat(a.positions()).singleElement()
                .satisfies(p -> assertThat(p.size().scale()).isLessThanOrEqualTo(0)));
        // 0.2 BTC at 5x is about 0.04 BTC of wallet, kept to the satoshi
        List<BigDecimal> wallets = new ArrayList<>(coin.stream().filter(a -> a.mode() == MarginMode.CROSS)
                .map(Account::walletBalance).toList());
        wallets.sort(Comparator.naturalOrder());
        assertThat(wallets.get(wallets.size() / 2).doubleValue()).isBetween(0.01, 0.1);
        assertThat(wallets)
                .allSatisfy(w -> assertThat(w.setScale(8, RoundingMode.UNNECESSARY)).isEqualByComparingTo(w));
    }

    @Test
    void settings_out_of_range_are_refused_naming_the_knob() {
        assertThatThrownBy(() -> with(settings(), 1.5, 0.2, 0)).hasMessageContaining("longShare");
        assertThatThrownBy(() -> settings().withAccounts(-1)).hasMessageContaining("accounts");
        assertThatThrownBy(() ->
                new GeneratorSettings(10, List.of(BTC), List.of(), 5, 0.5, 20, 0.5, 0, 0, 1, 1000, 1, 1))
                .hasMessageContaining("startPrices");
    }

    /** issue 22: leverage is at most 1000x (and the spread, whale multiplier and mean notional have bounds too). */
    @Test
    void leverage_beyond_1000x_is_refused_and_1000x_is_accepted() {
        GeneratorSettings s = settings();
        assertThatThrownBy(() ->
                new GeneratorSettings(s.accounts(), s.markets(), s.startPrices(), 10, 0.7, 1001, 0.5, 0.2,
                0, 20, 10_000, 2, 42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("generator setting maxLeverage: must be at most 1000, got 1001.0");
        assertThatThrownBy(() ->
                new GeneratorSettings(s.accounts(), s.markets(), s.startPrices(), Double.POSITIVE_INFINITY, 0.7,
                50, 0.5, 0.2, 0, 20, 10_000, 2, 42))
                .hasMessage("generator setting medianLeverage: must be at most 1000, got Infinity");
        assertThatThrownBy(() ->
                new GeneratorSettings(s.accounts(), s.markets(), s.startPrices(), 10, 0.7, 50, 0.5, 0.2,
                0, 20, 1e30, 2, 42))
                .hasMessage("generator setting meanNotional: must be at most 1000000000000000, got 1.0E30");
        assertThat(new GeneratorSettings(s.accounts(), s.markets(), s.startPrices(), 1000, 0.7, 1000, 0.5, 0.2,
                0, 20, 10_000, 2, 42).maxLeverage()).isEqualTo(1000);
    }
}
