package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every line that can hold value in a run, and the only place value moves. Each method moves one amount from one
 * line to another, so the total per settlement asset never changes: margin pools (accounts and the backstop vault),
 * insurance funds, the book (market makers and traders outside the account set, who take the other side of fills and
 * of the account set's net open interest) and bad debt (losses nobody absorbed, held as a negative balance).
 *
 * <p>Each movement is also tallied by the class of line it leaves and enters, and by the market it belongs to, so
 * that the end of a run can prove more than an unchanged total ({@link #audit}): a line changed outside these methods,
 * or value carried from one market to another, shows up as a class or a market whose tally does not add up.
 */
final class Ledger {
    final List<PoolState> pools;
    final Map<String, BigDecimal> funds = new TreeMap<>();
    final Map<String, String> fundAssets = new TreeMap<>();
    final Map<String, PoolState> vaults = new TreeMap<>();
    /** The book's line per asset, but for settlement: its side of that is the markets' tallies ({@link #settled}). */
    private final Map<String, BigDecimal> book = new TreeMap<>();
    final Map<String, BigDecimal> badDebt = new TreeMap<>();

    /** Pools (by id) a movement other than settlement touched since the margin check last took them. */
    private BitSet changed = new BitSet();

    /** Counts mark moves ({@link RunContext#settle}); pools compare it to know whether they are settled. */
    long marks;

    /**
     * Every tally: one per market ({@link MarketState#flows}), per asset for movements of no market, and any foreign.
     */
    private final List<Flows> tallies = new ArrayList<>();
    private final Map<String, Flows> withoutMarket = new TreeMap<>();
    /** Tallies of a market's movements in a pool of another asset, by asset and market (see {@link #tallyOf}). */
    private final Map<String, Flows> foreign = new HashMap<>();

    Ledger(List<PoolState> pools, Collection<MarketState> markets) {
        this.pools = pools;
        for (MarketState ms : markets) tallies.add(ms.flows);
        for (PoolState p : pools) p.ledger = this;
        changed.set(0, pools.size());  // the first margin check measures every pool
    }

    /** The classes of line value sits in, as a {@link LedgerSnapshot} reads them. */
    enum LineClass {
        ACCOUNTS("accounts"), INSURANCE_FUNDS("insurance funds"), VAULTS("backstop vaults"), BOOK("book"),
        BAD_DEBT("bad debt");

        final String label;

        LineClass(String label) { this.label = label; }

        BigDecimal balance(LedgerSnapshot s) {
            return switch (this) {
                case ACCOUNTS -> s.accounts();
                case INSURANCE_FUNDS -> s.insuranceFunds();
                case VAULTS -> s.backstop();
                case BOOK -> s.book();
                case BAD_DEBT -> s.badDebt();
            };
        }

        static LineClass of(PoolState pool) { return pool.vault ? VAULTS : ACCOUNTS; }
    }

    /**
     * The net of the movements recorded into each class of line (out of it: negative), for one market's movements in
     * one asset, or for an asset's movements that belong to no market (a backstop takeover, a clawback, a write-off).
     * Settlement, run for every position at every mark, adds its pool side to one running sum and nothing else; its
     * book side is that sum's negation, taken when read.
     */
    static final class Flows {
        final String asset;
        /** Null for the movements of no market. */
        final String market;
        private final ExactSum[] moved = new ExactSum[LineClass.values().length];
        private final ExactSum settledToAccounts = new ExactSum();
        private final ExactSum settledToVaults = new ExactSum();

        Flows(String asset, String market) {
            this.asset = asset;
            this.market = market;
            for (int i = 0; i < moved.length; i++) moved[i] = new ExactSum();
        }

        private void add(LineClass c, BigDecimal amount) { moved[c.ordinal()].add(amount); }

        private void move(LineClass from, LineClass to, BigDecimal amount) {
            add(from, amount.negate());
            add(to, amount);
        }

        BigDecimal settledToPools() { return settledToAccounts.value().add(settledToVaults.value()); }

        BigDecimal net(LineClass c) {
            BigDecimal moved = this.moved[c.ordinal()].value();
            return switch (c) {
                case ACCOUNTS -> moved.add(settledToAccounts.value());
                case VAULTS -> moved.add(settledToVaults.value());
                case BOOK -> moved.subtract(settledToPools());
                default -> moved;
            };
        }
    }

    /**
     * The tally of {@code market}'s movements in {@code pool}: the market's own, unless the pool holds another asset
     * (an account whose positions settle in several assets), whose tally is looked up; no market, the asset's.
     */
    private Flows tallyOf(PoolState pool, MarketState market) {
        if (market == null) return withoutMarket(pool.asset);
        Flows own = market.flows;
        if (own.asset.equals(pool.asset)) return own;
        return foreign.computeIfAbsent(pool.asset + "|" + own.market, k -> track(new Flows(pool.asset, own.market)));
    }

    private Flows withoutMarket(String asset) {
        return withoutMarket.computeIfAbsent(asset, a -> track(new Flows(a, null)));
    }

    private Flows track(Flows f) {
        tallies.add(f);
        return f;
    }

    /** Every movement but settlement marks the pools it touches for the margin check ({@link MarginWatch}). */
    void changed(PoolState pool) {
        if (pool.id >= 0) changed.set(pool.id);  // the vaults (negative ids) are not margin-checked
    }

    /** The pools changed since the last call; the margin check measures them. */
    BitSet takeChanged() {
        BitSet out = changed;
        changed = new BitSet(pools.size());
        return out;
    }

    void addVault(PoolState vault) {
        vault.ledger = this;
        vaults.put(vault.asset, vault);
    }

    /**
     * Settlement of position {@code p}'s profit {@code amount} (not zero) into its pool: the book loses what the pool
     * gains. Runs for every position at every mark it is read at: one exact sum in a long, nothing else.
     */
    void settled(PoolState pool, PositionState p, BigDecimal amount) {
        Flows f = tallyOf(pool, p.state);
        (pool.vault ? f.settledToVaults : f.settledToAccounts).add(amount);
    }

    /** {@link #settled(PoolState, PositionState, BigDecimal)} of {@code unscaled} x 10^-{@code scale}, not zero. */
    void settled(PoolState pool, PositionState p, long unscaled, int scale) {
        Flows f = tallyOf(pool, p.state);
        (pool.vault ? f.settledToVaults : f.settledToAccounts).add(unscaled, scale);
    }

    /**
     * The pool's side of a trade of position {@code p} against the book: the pool gains {@code amount} (may be
     * negative). Every movement but settlement marks the pools it touches as changed for the margin check
     * ({@link #changed}).
     */
    void poolWithBook(PositionState p, BigDecimal amount) {
        PoolState pool = p.pool;
        pool.credit(amount);
        book.merge(pool.asset, amount.negate(), BigDecimal::add);
        tallyOf(pool, p.state).move(LineClass.BOOK, LineClass.of(pool), amount);
    }

    /**
     * ADL: the bankrupt position's pool pays the counterparty {@code amount} (may be negative). Each side is tallied
     * in its own position's market, so a fill across markets leaves both markets' tallies unbalanced.
     */
    void adlFill(PositionState bankrupt, PositionState counterparty, BigDecimal amount) {
        bankrupt.pool.credit(amount.negate());
        counterparty.pool.credit(amount);
        tallyOf(bankrupt.pool, bankrupt.state).add(LineClass.of(bankrupt.pool), amount.negate());
        tallyOf(counterparty.pool, counterparty.state).add(LineClass.of(counterparty.pool), amount);
    }

    /** Between two pools for no market: a takeover by the backstop vault, a clawback from a winner. */
    void poolToPool(PoolState from, PoolState to, BigDecimal amount) {
        from.credit(amount.negate());
        to.credit(amount);
        withoutMarket(from.asset).add(LineClass.of(from), amount.negate());
        withoutMarket(to.asset).add(LineClass.of(to), amount);
    }

    /** To the fund for {@code market} (a fee, a surplus after a close-out there). */
    void poolToFund(PoolState pool, String fundKey, MarketState market, BigDecimal amount) {
        pool.credit(amount.negate());
        funds.merge(fundKey, amount, BigDecimal::add);
        tallyOf(pool, market).move(LineClass.of(pool), LineClass.INSURANCE_FUNDS, amount);
    }

    /** The fund pays for a shortfall in {@code market}. */
    void fundToPool(String fundKey, PoolState pool, MarketState market, BigDecimal amount) {
        funds.merge(fundKey, amount.negate(), BigDecimal::add);
        pool.credit(amount);
        tallyOf(pool, market).move(LineClass.INSURANCE_FUNDS, LineClass.of(pool), amount);
    }

    /** Writes off a pool's negative equity: the pool returns to zero and the loss is recorded as bad debt. */
    void writeOff(PoolState pool) {
        BigDecimal loss = pool.cash().negate();
        pool.zero();
        badDebt.merge(pool.asset, loss.negate(), BigDecimal::add);
        withoutMarket(pool.asset).move(LineClass.BAD_DEBT, LineClass.of(pool), loss);
    }

    BigDecimal fund(String key) { return funds.getOrDefault(key, BigDecimal.ZERO); }

    /** Every line holding {@code asset}; their sum is constant for the whole run. */
    LedgerSnapshot snapshot(String asset) {
        // reading the pools settles them, which moves the book's line: read the book last. An exact sum of 750k pools
        // at 1M positions, in a long while it fits, where adding BigDecimals made a number per pool
        ExactSum accountSum = new ExactSum();
        for (PoolState p : pools) if (p.asset.equals(asset)) accountSum.add(p.cash());
        BigDecimal accounts = accountSum.isEmpty() ? BigDecimal.ZERO : accountSum.value();
        BigDecimal vault = BigDecimal.ZERO;
        for (PoolState v : vaults.values()) if (v.asset.equals(asset)) vault = vault.add(v.cash());
        BigDecimal fund = BigDecimal.ZERO;
        for (var e : funds.entrySet()) if (asset.equals(fundAssets.get(e.getKey()))) fund = fund.add(e.getValue());
        BigDecimal bookLine = book.getOrDefault(asset, BigDecimal.ZERO);
        for (Flows f : tallies) if (f.asset.equals(asset)) bookLine = bookLine.subtract(f.settledToPools());
        return new LedgerSnapshot(asset, accounts, fund, vault, bookLine, badDebt.getOrDefault(asset, BigDecimal.ZERO));
    }

    /**
     * The lines of each asset when a run starts, with what the ledger had recorded by then: what the run is audited
     * against.
     */
    record Opening(Map<String, LedgerSnapshot> lines, Map<String, BigDecimal[]> recorded) {}

    /** Call with the snapshot of every asset's lines ({@link #snapshot}), taken just before. */
    Opening opening(Map<String, LedgerSnapshot> lines) {
        Map<String, BigDecimal[]> recorded = new TreeMap<>();
        for (String asset : lines.keySet()) recorded.put(asset, recorded(asset));
        return new Opening(lines, recorded);
    }

    /** What the ledger has recorded into each class of line of {@code asset} so far, by {@link LineClass} ordinal. */
    private BigDecimal[] recorded(String asset) {
        BigDecimal[] out = new BigDecimal[LineClass.values().length];
        java.util.Arrays.fill(out, BigDecimal.ZERO);
        for (Flows f : tallies)
            if (f.asset.equals(asset))
                for (LineClass c : LineClass.values()) out[c.ordinal()] = out[c.ordinal()].add(f.net(c));
        return out;
    }

    /**
     * Proves what an unchanged total cannot: per asset, each class of line (accounts, insurance funds, vaults, book,
     * bad debt) moved by exactly what the ledger recorded moving into and out of it since the opening, so no balance
     * changed outside the ledger's methods; and per market, the movements recorded for it net to zero across the
     * classes, so no value was carried from one market to another. {@code closing}: every asset's lines, taken just
     * before.
     */
    void audit(Opening opening, Map<String, LedgerSnapshot> closing) {
        for (var e : closing.entrySet()) {
            LedgerSnapshot start = opening.lines().get(e.getKey());
            BigDecimal[] before = opening.recorded().get(e.getKey());
            if (start == null || before == null) throw new IllegalStateException("engine bug: asset " + e.getKey()
                    + " has lines at the end of the run and none at its start");
            auditClasses(start, before, e.getValue(), recorded(e.getKey()));
        }
        auditMarkets();
    }

    private static void auditClasses(LedgerSnapshot start, BigDecimal[] before, LedgerSnapshot end,
            BigDecimal[] after) {
        for (LineClass c : LineClass.values()) {
            BigDecimal changed = c.balance(end).subtract(c.balance(start));
            BigDecimal recorded = after[c.ordinal()].subtract(before[c.ordinal()]);
            if (changed.compareTo(recorded) != 0)
                throw new IllegalStateException("engine bug: the " + start.asset() + " " + c.label + " went from "
                        + plain(c.balance(start)) + " to " + plain(c.balance(end)) + ", but the ledger recorded "
                        + plain(recorded) + " moving into them: " + plain(changed.subtract(recorded))
                        + " changed outside the ledger");
        }
    }

    private void auditMarkets() {
        Map<String, BigDecimal[]> byMarket = new TreeMap<>();
        for (Flows f : tallies) {
            if (f.market == null) continue;
            BigDecimal[] net = byMarket.computeIfAbsent(f.market, m -> {
                BigDecimal[] zero = new BigDecimal[LineClass.values().length];
                java.util.Arrays.fill(zero, BigDecimal.ZERO);
                return zero;
            });
            for (LineClass c : LineClass.values()) net[c.ordinal()] = net[c.ordinal()].add(f.net(c));
        }
        byMarket.forEach(Ledger::auditMarket);
    }

    private static void auditMarket(String market, BigDecimal[] net) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal n : net) sum = sum.add(n);
        if (sum.signum() == 0) return;
        StringBuilder classes = new StringBuilder();
        for (LineClass c : LineClass.values())
            classes.append(c.ordinal() == 0 ? "" : ", ").append(c.label).append(' ').append(plain(net[c.ordinal()]));
        throw new IllegalStateException("engine bug: the movements recorded for market " + market
                + " do not net to zero: " + classes + " (net " + plain(sum) + ")");
    }

    private static String plain(BigDecimal v) { return org.deleveraging.domain.Money.clean(v).toPlainString(); }
}
