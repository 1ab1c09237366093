package org.deleveraging.accounts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Side;
import org.deleveraging.input.Bound;
import org.deleveraging.input.Decimals;
import org.deleveraging.input.Ids;
import org.deleveraging.input.InputException;

/**
 * Builds accounts from position rows, whatever the file format, and checks what a row cannot check alone: an account
 * given twice, rows of one account that disagree on mode or wallet, two positions on one market, a market nobody
 * knows. Every error names the file, the line and the field.
 */
final class AccountRows {
    private final String source;
    private final KnownMarkets markets;
    private final Map<String, Draft> accounts = new LinkedHashMap<>();
    private final Set<String> usedMarkets = new HashSet<>();
    /** The account named last, which position() adds to: kept rather than looked up in a million accounts again. */
    private Draft last;

    private static final class Draft {
        final String id;
        final MarginMode mode;
        final BigDecimal wallet;
        final int line;
        final List<Position> positions = new ArrayList<>(2);

        Draft(String id, MarginMode mode, BigDecimal wallet, int line) {
            this.id = id;
            this.mode = mode;
            this.wallet = wallet;
            this.line = line;
        }

        /** A linear search: an account holds a position on a handful of markets at most. */
        boolean hasMarket(String market) {
            for (Position p : positions) if (p.market().equals(market)) return true;
            return false;
        }
    }

    AccountRows(String source, KnownMarkets markets) {
        this.source = source;
        this.markets = markets;
    }

    InputException error(int line, String field, String problem) {
        return new InputException(source, line, field, problem);
    }

    /**
     * One account's header (from a CSV row or a JSON object). {@code grouped} formats (CSV) repeat the header on every
     * row of the account and must keep those rows together (the CSV reader leaves out a row that repeats the previous
     * one's header as written: it would change nothing).
     */
    void account(int line, String id, String mode, String wallet, boolean grouped) {
        String idProblem = Ids.problem(id, "an account id");
        if (idProblem != null) throw error(line, "account", idProblem);
        MarginMode m;
        try {
            m = MarginMode.parse(mode == null ? "" : mode);
        } catch (IllegalArgumentException e) {
            throw error(line, "mode", e.getMessage());
        }
        Draft d = accounts.get(id);
        BigDecimal w = decimal(line, "wallet", wallet, Bound.AMOUNT);
        if (w.signum() < 0) throw error(line, "wallet", "must not be negative, got " + w.toPlainString());
        if (d != null) {
            if (!grouped || d != last)
                throw error(line, "account", "duplicate account id " + id + " (first on line " + d.line + ")");
            if (d.mode != m) throw error(line, "mode",
                    "account " + id + " is " + d.mode.name().toLowerCase() + " on line " + d.line);
            if (d.wallet.compareTo(w) != 0)
                throw error(line, "wallet",
                        "account " + id + " has wallet " + d.wallet.toPlainString() + " on line " + d.line);
        } else {
            d = new Draft(id, m, w, line);
            accounts.put(id, d);
        }
        last = d;
    }

    /** A position of the account named last. */
    void position(int line, String market, String side, String size, String entry, String margin) {
        Draft d = last;
        if (market == null || market.isBlank()) throw error(line, "market", "missing");
        if (!markets.markets().containsKey(market))
            throw error(line, "market", "unknown market " + market + "; known: " + markets.names()
                    + " (or give a markets file with --markets)");
        Side s;
        try {
            s = Side.parse(side == null ? "" : side);
        } catch (IllegalArgumentException e) {
            throw error(line, "side", e.getMessage());
        }
        BigDecimal qty = decimal(line, "size", size, Bound.SIZE);
        if (qty.signum() <= 0) throw error(line, "size",
                "must be positive, got " + qty.toPlainString() + " (the side says long or short)");
        BigDecimal price = decimal(line, "entry", entry, Bound.PRICE);
        if (price.signum() <= 0) throw error(line, "entry", "must be positive, got " + price.toPlainString());
        if (d.mode == MarginMode.ISOLATED && (margin == null || margin.isBlank()))
            throw error(line, "margin", "missing; an isolated account's position has its own margin");
        BigDecimal iso = margin == null || margin.isBlank() ? BigDecimal.ZERO
                : decimal(line, "margin", margin, Bound.AMOUNT);
        if (iso.signum() < 0) throw error(line, "margin", "must not be negative, got " + iso.toPlainString());
        if (d.mode == MarginMode.CROSS && iso.signum() != 0)
            throw error(line, "margin", "a cross account's positions share its wallet; leave margin empty");
        if (d.hasMarket(market))
            throw error(line, "market",
                    "account " + d.id + " already has a position on " + market + "; one per market");
        d.positions.add(new Position(market, s, qty, price, iso));
        usedMarkets.add(market);
    }

    int accountCount() { return accounts.size(); }

    List<Account> accounts() {
        List<Account> out = new ArrayList<>(accounts.size());
        for (Draft d : accounts.values()) out.add(new Account(d.id, d.mode, d.wallet, d.positions));
        return out;
    }

    /** The known markets the rows used, in the order the markets file or catalog lists them. */
    KnownMarkets used() {
        Map<String, org.deleveraging.domain.Market> m = new LinkedHashMap<>();
        Map<String, BigDecimal> marks = new LinkedHashMap<>();
        for (var e : markets.markets().entrySet()) {
            if (usedMarkets.contains(e.getKey())) {
                m.put(e.getKey(), e.getValue());
                marks.put(e.getKey(), markets.marks().get(e.getKey()));
            }
        }
        return new KnownMarkets(m, marks);
    }

    /** A number within its bound (Bound: magnitude and decimal places), checked before anything computes with it. */
    private BigDecimal decimal(int line, String field, String text, Bound bound) {
        if (text == null || text.isBlank()) throw error(line, field, "missing");
        try {
            // trim and replace return the text itself when there is nothing to remove; Decimals skips BigDecimal's
            // String constructor for plain numbers, with the same result
            String t = text.trim().replace("_", "");
            return Decimals.parse(t, 0, t.length(), bound);
        } catch (NumberFormatException e) {
            throw error(line, field, "expected a number, got '" + Bound.shown(text.trim()) + "'");
        } catch (Bound.OutOfRange e) {
            throw error(line, field, e.getMessage());
        }
    }
}
