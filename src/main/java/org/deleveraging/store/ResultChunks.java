package org.deleveraging.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.deleveraging.domain.Money;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;

/**
 * What one packed chunk of a run holds (see V3__packed_run_results): up to {@link #EVENTS} consecutive events, or up
 * to {@link #PLACES} places of one ranking in rank order, or up to {@link #OUTCOMES} touched accounts' outcomes in
 * account id order. Amounts are stored as {@link Money#clean} leaves them, so
 * they read back exactly as the store has always returned them; reasons are kept whole, not clipped.
 */
final class ResultChunks {
    static final int EVENTS = 1024;
    static final int PLACES = 4096;
    static final int OUTCOMES = 1024;

    private ResultChunks() {}

    /** Packs events[from, from + n); every event needs a kind and an account. */
    static byte[] events(ChunkEncoder out, List<RunEvent> events, int from, int n) {
        out.reset();
        out.count(n);
        for (int i = from; i < from + n; i++) {
            RunEvent e = events.get(i);
            if (e.accountId() == null || e.kind() == null)
                throw new IllegalArgumentException("event " + i + " has no " + (e.kind() == null ? "kind" : "account"));
            event(out, e.step(), e.round(), e.kind().name(), e.accountId(), e.counterpartyId(), e.market(), e.side(),
                    e.size(), e.price(), e.amount(), e.equityAfter(), e.ruleId(), e.reason());
        }
        return out.toBytes();
    }

    static void event(ChunkEncoder out, int step, int round, String kind, String account, String counterparty,
                      String market, String side, BigDecimal size, BigDecimal price, BigDecimal amount,
                      BigDecimal equityAfter, String ruleId, String reason) {
        out.integer(step);
        out.integer(round);
        out.string(kind);
        out.string(account);
        out.string(counterparty);
        out.string(market);
        out.string(side);
        out.money(size);
        out.money(price);
        out.money(amount);
        out.money(equityAfter);
        out.string(ruleId);
        out.sentence(reason);
    }

    static List<RunEvent> events(byte[] chunk) {
        ChunkDecoder in = new ChunkDecoder(chunk);
        int n = in.count();
        List<RunEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
            out.add(new RunEvent(in.integer(), in.integer(), RunEvent.Kind.valueOf(in.string()), in.string(),
                    in.string(),
                    in.string(), in.string(), in.decimal(), in.decimal(), in.decimal(), in.decimal(), in.string(),
                    in.sentence()));
        return out;
    }

    /**
     * Packs places[from, from + n) of one ranking; the chunk's row holds the ranking's market, step, round and side.
     */
    static byte[] places(ChunkEncoder out, List<QueueEntry> places, int from, int n) {
        out.reset();
        out.count(n);
        int previous = 0;
        for (int i = from; i < from + n; i++) {
            QueueEntry q = places.get(i);
            previous = place(out, previous, q.rank(), q.accountId(), q.size(), q.score(), q.percentile(), q.ruleId());
        }
        return out.toBytes();
    }

    /** Writes one place; ranks are stored as the step from the previous place's (1 in a full queue). */
    static int place(ChunkEncoder out, int previousRank, int rank, String account, BigDecimal size, double score,
                     int percentile, String ruleId) {
        out.integer(rank - previousRank);
        out.string(account);
        out.money(size);
        out.number(score);
        out.integer(percentile);
        out.string(ruleId);
        return rank;
    }

    static List<QueueEntry> places(byte[] chunk, int step, int round, String market, String side) {
        ChunkDecoder in = new ChunkDecoder(chunk);
        int n = in.count();
        List<QueueEntry> out = new ArrayList<>(n);
        int rank = 0;
        for (int i = 0; i < n; i++) {
            rank += in.integer();
            out.add(new QueueEntry(step, round, market, side, rank, in.string(), in.decimal(), in.number(),
                    in.integer(), in.string()));
        }
        return out;
    }

    /** Packs outcomes[from, from + n), which must be in account id order. */
    static byte[] outcomes(ChunkEncoder out, List<AccountOutcome> outcomes, int from, int n) {
        out.reset();
        out.count(n);
        for (int i = from; i < from + n; i++) {
            AccountOutcome o = outcomes.get(i);
            outcome(out, o.accountId(), o.equityStart(), o.equityEnd(), o.liquidatedNotional(), o.adlSize(),
                    o.haircut(), o.equityBeforeHaircut(), o.profitBeforeHaircut(), o.badDebt(), o.events());
        }
        return out.toBytes();
    }

    static void outcome(ChunkEncoder out, String account, BigDecimal equityStart, BigDecimal equityEnd,
                        BigDecimal liquidatedNotional, BigDecimal adlSize, BigDecimal haircut,
                        BigDecimal equityBeforeHaircut, BigDecimal profitBeforeHaircut, BigDecimal badDebt,
                        int events) {
        out.string(account);
        out.money(equityStart);
        out.money(equityEnd);
        out.money(liquidatedNotional);
        out.money(adlSize);
        out.money(haircut);
        out.money(equityBeforeHaircut);
        out.money(profitBeforeHaircut);
        out.money(badDebt);
        out.integer(events);
    }

    static List<AccountOutcome> outcomes(byte[] chunk) {
        ChunkDecoder in = new ChunkDecoder(chunk);
        int n = in.count();
        List<AccountOutcome> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
            out.add(new AccountOutcome(in.string(), in.decimal(), in.decimal(), in.decimal(), in.decimal(),
                    in.decimal(), in.decimal(), in.decimal(), in.decimal(), in.integer()));
        return out;
    }
}
