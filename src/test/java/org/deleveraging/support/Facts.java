package org.deleveraging.support;

import java.math.BigDecimal;
import java.util.Map;

import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlPricing;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;

/**
 * Builders for the facts the rules read, so that a rules test names only the figures its example turns on. The facts'
 * constructors are long and positional, and a figure a test leaves out must still agree with the ones it gives (a
 * candidate's notional with its size and mark, a pool's market with its margin mode): each builder derives what is not
 * set from what is, and its defaults are an ordinary, unremarkable case. Every figure is a decimal string.
 */
public final class Facts {
    private Facts() {}

    /**
     * A cross pool "acct1" (pool 1) in tier 1 with equity 1,000 over maintenance 100 on a notional of 10,000: safe, so
     * that no liquidation rule takes it until a test lowers its equity or raises its maintenance.
     */
    public static PoolRiskBuilder poolRisk() { return new PoolRiskBuilder(); }

    /** Pool 1 of "bankrupt": 1 BTCUSDT unfilled at a mark of 100 and a deficit of 100, in USDT. */
    public static ShortfallBuilder shortfall() { return new ShortfallBuilder(); }

    /** A USDT insurance fund of 1,000,000 at its window peak, the shortfall's market having added nothing to it. */
    public static FundBuilder fund() { return new FundBuilder(); }

    /** The fund of a policy that has none. */
    public static FundState noFund() {
        return new FundState("none", false, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** A USDT backstop vault with no equity. */
    public static BackstopBuilder backstop() { return new BackstopBuilder(); }

    /** The backstop of a policy that has none. */
    public static BackstopState noBackstop() { return new BackstopState("USDT", false, BigDecimal.ZERO); }

    /**
     * Candidate 1 ("acct1", pool 1): a cross BTCUSDT long of 1 entered at 100 and marked there, alone in its account
     * with a wallet of 1,000 and maintenance of 1% of its notional.
     */
    public static CandidateBuilder candidate() { return new CandidateBuilder(); }

    /** Position 1 of "bankrupt" (pool 1): a BTCUSDT long of 1 bankrupt at 100, marked there, tick 0.5. */
    public static PricingBuilder pricing() { return new PricingBuilder(); }

    private static BigDecimal d(String v) { return new BigDecimal(v); }

    public static final class PoolRiskBuilder {
        private int pool = 1;
        private String account;
        private boolean isolated;
        private String market;
        private String equity = "1000";
        private String maintenance = "100";
        private String notional = "10000";
        private int tier = 1;
        private int step = 1;
        private int round = 1;

        private PoolRiskBuilder() {}

        /** Also names the account "acct" + id unless {@link #account} does. */
        public PoolRiskBuilder pool(int id) { this.pool = id; return this; }
        public PoolRiskBuilder account(String id) { this.account = id; return this; }
        /** An isolated pool, in BTCUSDT unless {@link #market} says otherwise. */
        public PoolRiskBuilder isolated() { this.isolated = true; return this; }
        public PoolRiskBuilder market(String symbol) { this.market = symbol; return this; }
        public PoolRiskBuilder equity(String v) { this.equity = v; return this; }
        public PoolRiskBuilder maintenance(String v) { this.maintenance = v; return this; }
        public PoolRiskBuilder notional(String v) { this.notional = v; return this; }
        public PoolRiskBuilder tier(int v) { this.tier = v; return this; }
        public PoolRiskBuilder step(int v) { this.step = v; return this; }
        public PoolRiskBuilder round(int v) { this.round = v; return this; }

        public PoolRisk build() {
            String m = market != null ? market : isolated ? "BTCUSDT" : "*";
            return new PoolRisk(pool, account != null ? account : "acct" + pool, isolated, m, d(equity),
                    d(maintenance), d(notional), tier, step, round);
        }
    }

    public static final class ShortfallBuilder {
        private int pool = 1;
        private String account = "bankrupt";
        private String market = "BTCUSDT";
        private String asset = "USDT";
        private String unfilled = "1";
        private Map<String, BigDecimal> unfilledByMarket;
        private String mark = "100";
        private String notional;
        private String deficit = "100";
        private int step = 1;

        private ShortfallBuilder() {}

        public ShortfallBuilder pool(int id) { this.pool = id; return this; }
        public ShortfallBuilder account(String id) { this.account = id; return this; }
        public ShortfallBuilder market(String symbol) { this.market = symbol; return this; }
        public ShortfallBuilder asset(String v) { this.asset = v; return this; }
        /** Unfilled size in {@link #market}; "0" leaves a shortfall of deficit only. */
        public ShortfallBuilder unfilled(String size) { this.unfilled = size; return this; }
        /** Unfilled size in several markets of a cross pool; {@link #market} should be the first of them. */
        public ShortfallBuilder unfilled(Map<String, BigDecimal> byMarket) {
            this.unfilledByMarket = byMarket;
            return this;
        }
        /** The mark the unfilled notional is worth, unless {@link #notional} gives that directly. */
        public ShortfallBuilder mark(String v) { this.mark = v; return this; }
        public ShortfallBuilder notional(String v) { this.notional = v; return this; }
        public ShortfallBuilder deficit(String v) { this.deficit = v; return this; }
        public ShortfallBuilder step(int v) { this.step = v; return this; }

        public Shortfall build() {
            BigDecimal value = notional != null ? d(notional) : d(unfilled).multiply(d(mark));
            if (unfilledByMarket != null)
                return new Shortfall(pool, account, market, asset, unfilledByMarket, value, d(deficit), step);
            return new Shortfall(pool, account, market, asset, d(unfilled), value, d(deficit), step);
        }
    }

    public static final class FundBuilder {
        private String key = "USDT";
        private String balance = "1000000";
        private String peak;
        private String marketPnl = "0";
        private String marketPnlWindowMax = "0";
        private boolean adlEngaged;

        private FundBuilder() {}

        public FundBuilder key(String v) { this.key = v; return this; }
        public FundBuilder balance(String v) { this.balance = v; return this; }
        /** The window's peak balance; the balance itself unless set, so that the fund has not dropped. */
        public FundBuilder peak(String v) { this.peak = v; return this; }
        public FundBuilder marketPnl(String v) { this.marketPnl = v; return this; }
        public FundBuilder marketPnlWindowMax(String v) { this.marketPnlWindowMax = v; return this; }
        public FundBuilder adlEngaged(boolean v) { this.adlEngaged = v; return this; }

        public FundState build() {
            return new FundState(key, true, d(balance), d(peak != null ? peak : balance), d(marketPnl),
                    d(marketPnlWindowMax), adlEngaged);
        }
    }

    public static final class BackstopBuilder {
        private String asset = "USDT";
        private String equity = "0";

        private BackstopBuilder() {}

        public BackstopBuilder asset(String v) { this.asset = v; return this; }
        public BackstopBuilder equity(String v) { this.equity = v; return this; }

        public BackstopState build() { return new BackstopState(asset, true, d(equity)); }
    }

    /**
     * Figures left unset follow from the ones set: notional = size x mark, entry value = size x entry, PnL the
     * difference on the candidate's side, the pool's PnL and notional the position's own (alone in its account),
     * maintenance = the pool's notional x the maintenance rate, equity = wallet + the pool's PnL.
     */
    public static final class CandidateBuilder {
        private int ref = 1;
        private Integer pool;
        private String account;
        private String market = "BTCUSDT";
        private String side = "LONG";
        private String size = "1";
        private String entry = "100";
        private String mark;
        private String notional;
        private String entryValue;
        private String upnl;
        private String wallet = "1000";
        private String equity;
        private String poolUpnl;
        private String maintenanceRate = "0.01";
        private String maintenance;
        private String poolNotional;
        private boolean isolated;

        private CandidateBuilder() {}

        /** Also numbers the pool and names the account "acct" + ref unless {@link #pool} and {@link #account} do. */
        public CandidateBuilder ref(int v) { this.ref = v; return this; }
        public CandidateBuilder pool(int id) { this.pool = id; return this; }
        public CandidateBuilder account(String id) { this.account = id; return this; }
        public CandidateBuilder market(String symbol) { this.market = symbol; return this; }
        /** LONG or SHORT. */
        public CandidateBuilder side(String v) { this.side = v; return this; }
        public CandidateBuilder size(String v) { this.size = v; return this; }
        public CandidateBuilder entry(String v) { this.entry = v; return this; }
        /** The entry price unless set: a position at break-even. */
        public CandidateBuilder mark(String v) { this.mark = v; return this; }
        public CandidateBuilder notional(String v) { this.notional = v; return this; }
        public CandidateBuilder entryValue(String v) { this.entryValue = v; return this; }
        public CandidateBuilder upnl(String v) { this.upnl = v; return this; }
        /** The pool's wallet balance, from which equity follows; ignored once {@link #equity} is set. */
        public CandidateBuilder wallet(String v) { this.wallet = v; return this; }
        public CandidateBuilder equity(String v) { this.equity = v; return this; }
        public CandidateBuilder poolUpnl(String v) { this.poolUpnl = v; return this; }
        /** Maintenance as a share of the pool's notional; ignored once {@link #maintenance} is set. */
        public CandidateBuilder maintenanceRate(String v) { this.maintenanceRate = v; return this; }
        public CandidateBuilder maintenance(String v) { this.maintenance = v; return this; }
        public CandidateBuilder poolNotional(String v) { this.poolNotional = v; return this; }
        public CandidateBuilder isolated() { this.isolated = true; return this; }

        public AdlCandidate build() {
            BigDecimal at = d(mark != null ? mark : entry);
            BigDecimal value = notional != null ? d(notional) : d(size).multiply(at);
            BigDecimal cost = entryValue != null ? d(entryValue) : d(size).multiply(d(entry));
            BigDecimal pnl = upnl != null ? d(upnl)
                    : "SHORT".equals(side) ? cost.subtract(value) : value.subtract(cost);
            BigDecimal pPnl = poolUpnl != null ? d(poolUpnl) : pnl;
            BigDecimal pNotional = poolNotional != null ? d(poolNotional) : value;
            BigDecimal pMaintenance = maintenance != null ? d(maintenance) : pNotional.multiply(d(maintenanceRate));
            BigDecimal pEquity = equity != null ? d(equity) : d(wallet).add(pPnl);
            return new AdlCandidate(ref, pool != null ? pool : ref, account != null ? account : "acct" + ref, market,
                    side, d(size), d(entry), at, value, cost, pnl, pEquity, pPnl, pMaintenance, pNotional, isolated);
        }
    }

    public static final class PricingBuilder {
        private int ref = 1;
        private int pool = 1;
        private String account = "bankrupt";
        private String market = "BTCUSDT";
        private String side = "LONG";
        private String size = "1";
        private String bankruptcy = "100";
        private String mark;
        private String previousMark;
        private String tick = "0.5";

        private PricingBuilder() {}

        public PricingBuilder ref(int v) { this.ref = v; return this; }
        public PricingBuilder pool(int id) { this.pool = id; return this; }
        public PricingBuilder account(String id) { this.account = id; return this; }
        public PricingBuilder market(String symbol) { this.market = symbol; return this; }
        /** The bankrupt position's side, LONG or SHORT. */
        public PricingBuilder side(String v) { this.side = v; return this; }
        public PricingBuilder size(String v) { this.size = v; return this; }
        public PricingBuilder bankruptcy(String v) { this.bankruptcy = v; return this; }
        /** The bankruptcy price unless set. */
        public PricingBuilder mark(String v) { this.mark = v; return this; }
        /** The mark unless set, as at a run's first step. */
        public PricingBuilder previousMark(String v) { this.previousMark = v; return this; }
        public PricingBuilder tick(String v) { this.tick = v; return this; }

        public AdlPricing build() {
            String now = mark != null ? mark : bankruptcy;
            return new AdlPricing(ref, pool, account, market, side, d(size), d(bankruptcy), d(now),
                    d(previousMark != null ? previousMark : now), d(tick));
        }
    }
}
