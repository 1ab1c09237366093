package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

import org.deleveraging.domain.Side;

/**
 * A run's events as columns, read as a list of {@link RunEvent} in the order they happened: each event is built when
 * it is read. The columns are pages of {@link #PAGE} events, so the log grows without copying and a reader that goes
 * page by page (the store packs chunks of that size) touches one page at a time. Only the engine appends; readers
 * cannot change it.
 *
 * <p>Ids, markets and rule ids are references to strings the run already holds; amounts are {@link DecimalColumn}s;
 * a reason is kept as the engine gave it, a sentence or the means to write one.
 */
final class EventLog extends AbstractList<RunEvent> implements RandomAccess {
    static final int PAGE = 1024;
    private static final RunEvent.Kind[] KINDS = RunEvent.Kind.values();
    private static final Side[] SIDES = Side.values();

    private static final class Page {
        final int[] step = new int[PAGE];
        final int[] round = new int[PAGE];
        final byte[] kind = new byte[PAGE];
        final byte[] side = new byte[PAGE];  // -1 for none
        final String[] account = new String[PAGE];
        final String[] counterparty = new String[PAGE];
        final String[] market = new String[PAGE];
        final String[] ruleId = new String[PAGE];
        final Object[] reason = new Object[PAGE];  // a String or a Supplier<String>
        final DecimalColumn size = new DecimalColumn(PAGE);
        final DecimalColumn price = new DecimalColumn(PAGE);
        final DecimalColumn amount = new DecimalColumn(PAGE);
        final DecimalColumn equityAfter = new DecimalColumn(PAGE);

        RunEvent event(int i) {
            return RunEvent.of(step[i], round[i], KINDS[kind[i]], account[i], counterparty[i], market[i],
                    side[i] < 0 ? null : SIDES[side[i]].name(), size.get(i), price.get(i), amount.get(i),
                    equityAfter.get(i), ruleId[i], reason[i]);
        }
    }

    private final List<Page> pages = new ArrayList<>();
    private int size;

    /** Appends one event; {@code reason} is a sentence or a {@code Supplier<String>} of one. */
    void add(int step, int round, RunEvent.Kind kind, String account, String counterparty, String market, Side side,
             BigDecimal size, BigDecimal price, BigDecimal amount, BigDecimal equityAfter, String ruleId,
             Object reason) {
        int i = this.size & (PAGE - 1);
        if (i == 0) pages.add(new Page());
        Page p = pages.get(pages.size() - 1);
        p.step[i] = step;
        p.round[i] = round;
        p.kind[i] = (byte) kind.ordinal();
        p.side[i] = side == null ? -1 : (byte) side.ordinal();
        p.account[i] = account;
        p.counterparty[i] = counterparty;
        p.market[i] = market;
        p.ruleId[i] = ruleId;
        p.reason[i] = reason;
        p.size.set(i, size);
        p.price.set(i, price);
        p.amount.set(i, amount);
        p.equityAfter.set(i, equityAfter);
        this.size++;
    }

    @Override
    public RunEvent get(int index) {
        Objects.checkIndex(index, size);
        return pages.get(index / PAGE).event(index & (PAGE - 1));
    }

    @Override
    public int size() { return size; }
}
