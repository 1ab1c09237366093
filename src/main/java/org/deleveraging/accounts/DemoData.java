package org.deleveraging.accounts;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.Market;

/**
 * The demo book the workbench opens with: about three thousand accounts on four USDT-margined perpetuals, at round
 * late-2025 prices, long-heavy as the market was before 10 Oct 2025.
 *
 * <p>Tick and lot sizes are those of the large venues' USDT perps. Book depth (notional per 1 % move) is scaled to
 * this small book rather than copied from a venue: a few thousand accounts hold a sliver of a venue's open interest,
 * so the depth is set at roughly the same share of their open interest that a real book holds of the venue's. With
 * depth like that, a shock of the 10-Oct shape (BTC -13 %, SOL -26 %, books a hundred times thinner) liquidates
 * accounts, runs through a modest insurance fund and ends in ADL, which is what the demo is for.
 */
public final class DemoData {
    /** The demo's seed: the date of the crash it is shaped for. */
    public static final long SEED = 20251010L;
    public static final int ACCOUNTS = 3_000;

    private DemoData() {}

    public static List<Market> markets() {
        return List.of(
                usdt("BTCUSDT", "0.1", "0.001", "6000000"),
                usdt("ETHUSDT", "0.01", "0.001", "3000000"),
                usdt("SOLUSDT", "0.01", "1", "1200000"),
                usdt("XRPUSDT", "0.0001", "0.1", "600000"));
    }

    /**
     * Marks the demo starts from: round levels of early October 2025, exactly the start (step 0) of every shipped
     * scenario, so that the book's health is measured where a run opens.
     */
    public static Map<String, BigDecimal> startMarks() {
        Map<String, BigDecimal> marks = new LinkedHashMap<>();
        marks.put("BTCUSDT", new BigDecimal("122000"));
        marks.put("ETHUSDT", new BigDecimal("4350"));
        marks.put("SOLUSDT", new BigDecimal("220"));
        marks.put("XRPUSDT", new BigDecimal("2.8"));
        return marks;
    }

    /** Every margin pool starts with equity of at least (1 + this) x its reference maintenance margin: twice it. */
    public static final double SAFETY_MARGIN = 1;

    /**
     * The maintenance schedule a generated book's health is measured with, for a market without its own: Binance's
     * USDT-M brackets for 50x alt-coins (announcement of 2021-03-18, as in policies/binance/policy.yaml), with
     * maintenance amounts: 1 % up to 5,000 of notional, then 2.5 %, 5 % from 25,000, 10 % from 100,000, 12.5 % from
     * 250,000 and 50 % from 1,000,000. Large positions can then only be held at low leverage, as on the venue.
     */
    public static final MarginSchedule REFERENCE_DEFAULT = MarginSchedule.of(
            amounts("0", "5000", "25000", "100000", "250000", "1000000"),
            amounts("0.01", "0.025", "0.05", "0.10", "0.125", "0.50"));

    /**
     * The reference maintenance schedules: Binance's BTCUSDT brackets for BTCUSDT (0.4 % up to 50,000, 0.5 %, 1 % from
     * 250,000, 2.5 % from 1,000,000, 5 % from 10,000,000, then 10 %, 12.5 %, 15 %, 25 % and 50 % from 20, 50, 100,
     * 200 and 300 million), {@link #REFERENCE_DEFAULT} for the others. Written here rather than read from the policy
     * folder, so that editing a policy never changes the demo book.
     */
    public static Map<String, MarginSchedule> referenceMaintenance() {
        return Map.of("BTCUSDT", MarginSchedule.of(
                amounts("0", "50000", "250000", "1000000", "10000000", "20000000", "50000000", "100000000", "200000000",
                        "300000000"),
                amounts("0.004", "0.005", "0.01", "0.025", "0.05", "0.10", "0.125", "0.15", "0.25", "0.50")));
    }

    private static List<BigDecimal> amounts(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    /**
     * Median leverage 8x with a wide spread capped at 50x, 58 % of positions long, a quarter of accounts isolated,
     * one in a hundred a whale forty times the typical 25,000 USDT position, up to three markets per account; every
     * account healthy at the start marks with equity at least twice its reference maintenance margin.
     */
    public static GeneratorSettings settings() {
        List<Market> markets = markets();
        return new GeneratorSettings(ACCOUNTS, markets,
                markets.stream().map(m -> startMarks().get(m.symbol())).toList(),
                8, 0.8, 50, 0.58, 0.25, 0.01, 40, 25_000, 3, SEED);
    }

    public static AccountSet accountSet() { return new AccountSetGenerator().generate("demo", settings()); }

    private static Market usdt(String symbol, String tick, String lot, String depthPerPercent) {
        BigDecimal depth = new BigDecimal(depthPerPercent);
        return new Market(symbol, ContractType.LINEAR, "USDT", new BigDecimal(tick), new BigDecimal(lot),
                BigDecimal.ONE, new Liquidity(depth, depth, new BigDecimal("0.3")));
    }
}
