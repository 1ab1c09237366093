package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One thing that happened in a run, with the rule that decided it. {@code amount} is the value that moved, signed
 * from {@code accountId}'s point of view (a loss is negative); {@code equityAfter} is the equity of the margin pool
 * of {@code accountId} that the event touched, just after it.
 *
 * <p>A value class rather than a record because the engine writes its reason lazily: a crash over a million
 * positions records millions of events, and a sentence built for each when it happens (figures formatted as text)
 * would take more memory than the rest of the run's result; {@link #reason()} builds it when it is read.
 */
public final class RunEvent {
    private final int step;
    private final int round;
    private final Kind kind;
    private final String accountId;
    private final String counterpartyId;
    private final String market;
    private final String side;
    private final BigDecimal size;
    private final BigDecimal price;
    private final BigDecimal amount;
    private final BigDecimal equityAfter;
    private final String ruleId;
    private final Object reason;  // a String, or a Supplier<String> from the engine

    public RunEvent(int step, int round, Kind kind, String accountId, String counterpartyId, String market, String side,
                    BigDecimal size, BigDecimal price, BigDecimal amount, BigDecimal equityAfter, String ruleId,
                    String reason) {
        this(step, round, kind, accountId, counterpartyId, market, side, size, price, amount, equityAfter, ruleId,
                (Object) reason);
    }

    /** An event read from the engine's log ({@link EventLog}): its reason a sentence or a {@code Supplier} of one. */
    static RunEvent of(int step, int round, Kind kind, String accountId, String counterpartyId, String market,
                       String side, BigDecimal size, BigDecimal price, BigDecimal amount, BigDecimal equityAfter,
                       String ruleId, Object reason) {
        return new RunEvent(step, round, kind, accountId, counterpartyId, market, side, size, price, amount,
                equityAfter, ruleId, reason);
    }

    private RunEvent(int step, int round, Kind kind, String accountId, String counterpartyId, String market,
            String side,
                     BigDecimal size, BigDecimal price, BigDecimal amount, BigDecimal equityAfter, String ruleId,
                     Object reason) {
        this.step = step;
        this.round = round;
        this.kind = kind;
        this.accountId = accountId;
        this.counterpartyId = counterpartyId;
        this.market = market;
        this.side = side;
        this.size = size;
        this.price = price;
        this.amount = amount;
        this.equityAfter = equityAfter;
        this.ruleId = ruleId;
        this.reason = reason;
    }

    public int step() { return step; }
    public int round() { return round; }
    public Kind kind() { return kind; }
    public String accountId() { return accountId; }
    public String counterpartyId() { return counterpartyId; }
    public String market() { return market; }
    public String side() { return side; }
    public BigDecimal size() { return size; }
    public BigDecimal price() { return price; }
    public BigDecimal amount() { return amount; }
    public BigDecimal equityAfter() { return equityAfter; }
    public String ruleId() { return ruleId; }

    @SuppressWarnings("unchecked")
    public String reason() { return reason instanceof Supplier<?> s ? ((Supplier<String>) s).get() : (String) reason; }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunEvent e && step == e.step && round == e.round && kind == e.kind
                && Objects.equals(accountId, e.accountId) && Objects.equals(counterpartyId, e.counterpartyId)
                && Objects.equals(market, e.market) && Objects.equals(side, e.side) && Objects.equals(size, e.size)
                && Objects.equals(price, e.price) && Objects.equals(amount, e.amount)
                && Objects.equals(equityAfter, e.equityAfter) && Objects.equals(ruleId, e.ruleId)
                && Objects.equals(reason(), e.reason());
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, round, kind, accountId, counterpartyId, market, side, size, price, amount,
                equityAfter, ruleId, reason());
    }

    @Override
    public String toString() {
        return "RunEvent[step=" + step + ", round=" + round + ", kind=" + kind + ", accountId=" + accountId
                + ", counterpartyId=" + counterpartyId + ", market=" + market + ", side=" + side + ", size=" + size
                + ", price=" + price + ", amount=" + amount + ", equityAfter=" + equityAfter + ", ruleId=" + ruleId
                + ", reason=" + reason() + "]";
    }

    public enum Kind {
        /** a liquidation order filled in the book (price = average fill) */
        LIQUIDATION,
        /** liquidation clearance fee paid to the insurance fund */
        FEE,
        /** equity left after a close-out kept by the insurance fund */
        SURPLUS,
        /** positions and equity handed to the backstop vault */
        BACKSTOP,
        /** the insurance fund paid a deficit */
        FUND_COVER,
        /** an opposite position closed against a bankrupt one; accountId is the deleveraged account */
        ADL,
        /** profit clawed back from a winner to pay a deficit */
        SOCIALIZED,
        /** size nobody absorbed, closed by the venue at the mark */
        TAKEOVER,
        /** a deficit nobody absorbed, written off */
        BAD_DEBT
    }
}
