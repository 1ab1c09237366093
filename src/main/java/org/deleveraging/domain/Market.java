package org.deleveraging.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A perpetual market.
 *
 * @param contractValue for LINEAR, units of the base asset per contract (1 when sizes are in coins); for INVERSE,
 *                      quote currency per contract (e.g. 1 USD on BitMEX XBTUSD)
 * @param lotSize the smallest tradable size step; every fill is a whole number of lots
 * @param settlementAsset the asset margins, profits and insurance funds of this market are held in
 * @param liquidity order-book depth used to fill liquidation orders
 */
public record Market(String symbol, ContractType type, String settlementAsset, BigDecimal tickSize,
                     BigDecimal lotSize, BigDecimal contractValue, Liquidity liquidity)
        implements java.io.Serializable {

    public Market {
        if (lotSize.signum() <= 0) throw new IllegalArgumentException(symbol + ": lot size must be positive");
        if (tickSize.signum() <= 0) throw new IllegalArgumentException(symbol + ": tick size must be positive");
        if (contractValue.signum() <= 0) throw new IllegalArgumentException(symbol
                + ": contract value must be positive");
    }

    /**
     * {@code size} x contract value. A contract value of exactly 1 (sizes in coins) gives {@code size} itself, which
     * is what the product would be, value and scale: it saves a multiplication on every position at every mark.
     */
    public BigDecimal contracts(BigDecimal size) {
        return contractValue.equals(BigDecimal.ONE) ? size : size.multiply(contractValue);
    }

    /** Value of {@code size} contracts at {@code price}, in the settlement asset (unsigned). */
    public BigDecimal value(BigDecimal size, BigDecimal price) {
        return type == ContractType.LINEAR
                ? contracts(size).multiply(price)
                : Money.divide(contracts(size), price);
    }

    /** Notional in the settlement asset at {@code price}: what tiers and leverage are measured on. */
    public BigDecimal notional(BigDecimal size, BigDecimal price) { return value(size, price); }

    /**
     * Profit, in the settlement asset, of holding {@code size} contracts on {@code side} while the price moves from
     * {@code from} to {@code to}. Linear: exact. Inverse: one rounding of the difference of values.
     */
    public BigDecimal pnl(Side side, BigDecimal size, BigDecimal from, BigDecimal to) {
        if (type == ContractType.LINEAR) {
            BigDecimal small = smallLinearPnl(side, size, from, to);
            if (small != null) return small;
        }
        BigDecimal raw = type == ContractType.LINEAR
                ? contracts(size).multiply(to.subtract(from))
                : Money.divide(contracts(size).multiply(to.subtract(from)), from.multiply(to));
        return Money.clean(side == Side.LONG ? raw : raw.negate());
    }

    /**
     * The linear profit in longs, or null when an amount has more than 15 digits or a product leaves the long range.
     * It runs for every position at every mark, where the BigDecimal arithmetic allocates four numbers; the result is
     * cleaned, so only its value has to agree with the BigDecimal one, and in longs it is exact.
     */
    private BigDecimal smallLinearPnl(Side side, BigDecimal size, BigDecimal from, BigDecimal to) {
        long s = Money.unscaled(size), f = Money.unscaled(from), t = Money.unscaled(to);
        if (s == Money.NOT_SMALL || f == Money.NOT_SMALL || t == Money.NOT_SMALL) return null;
        int scale = size.scale() + Math.max(from.scale(), to.scale());
        try {
            if (!contractValue.equals(BigDecimal.ONE)) {
                long c = Money.unscaled(contractValue);
                if (c == Money.NOT_SMALL) return null;
                s = Math.multiplyExact(s, c);
                scale += contractValue.scale();
            }
            int common = Math.max(from.scale(), to.scale());
            long move = Math.subtractExact(Money.scaleUp(t, common - to.scale()),
                    Money.scaleUp(f, common - from.scale()));
            long raw = Math.multiplyExact(s, move);
            return Money.clean(side == Side.LONG ? raw : Math.negateExact(raw), scale);
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    /**
     * The price at which closing {@code size} contracts on {@code side}, currently worth {@code mark}, brings an
     * equity of {@code equity} to exactly zero. Unrounded; see {@link #toTickTowardsSafety}.
     */
    public BigDecimal bankruptcyPrice(Side side, BigDecimal size, BigDecimal mark, BigDecimal equity) {
        return bankruptcyPrice(side, size, mark, equity, BigDecimal.ZERO);
    }

    /**
     * As {@link #bankruptcyPrice(Side, BigDecimal, BigDecimal, BigDecimal)}, with the taker fee to close at that price,
     * {@code feeRate} x the position's value there, reserved out of the equity (Bybit: the bankruptcy price of an
     * inverse long is (1 + fee) x contracts / (contracts / entry + balance),
     * https://help.bybit.com/hc/en-us/articles/360039261334-How-to-calculate-Liquidation-Price-Inverse-Contract-).
     * Linear: equity + side x q x (P - mark) - f x q x P = 0; inverse: equity + side x Q x (1/mark - 1/P) - f x Q / P =
     * 0.
     */
    public BigDecimal bankruptcyPrice(Side side, BigDecimal size, BigDecimal mark, BigDecimal equity,
            BigDecimal feeRate) {
        if (feeRate.signum() != 0) {
            BigDecimal q = contracts(size);
            if (type == ContractType.LINEAR) {
                // long: P = (q x mark - equity) / (q x (1 - f)); short: P = (q x mark + equity) / (q x (1 + f))
                return side == Side.LONG
                        ? Money.divide(q.multiply(mark).subtract(equity), q.multiply(BigDecimal.ONE.subtract(feeRate)))
                        : Money.divide(q.multiply(mark).add(equity), q.multiply(BigDecimal.ONE.add(feeRate)));
            }
            // long: P = Q (1 + f) / (equity + Q / mark); short: P = Q (1 - f) / (Q / mark - equity)
            BigDecimal atMark = q.divide(mark, Money.SCALE + 8, Money.ROUNDING);
            BigDecimal denom = side == Side.LONG ? equity.add(atMark) : atMark.subtract(equity);
            // as below: no price brings the equity to zero
            if (denom.signum() <= 0) return BigDecimal.valueOf(Long.MAX_VALUE);
            BigDecimal numer = q.multiply(side == Side.LONG ? BigDecimal.ONE.add(feeRate)
                    : BigDecimal.ONE.subtract(feeRate));
            return Money.divide(numer, denom);
        }
        BigDecimal perContract = contracts(size);
        if (type == ContractType.LINEAR) {
            BigDecimal move = Money.divide(equity, perContract);
            return side == Side.LONG ? mark.subtract(move) : mark.add(move);
        }
        BigDecimal inv = BigDecimal.ONE.divide(mark, Money.SCALE + 8, Money.ROUNDING);
        BigDecimal delta = equity.divide(perContract, Money.SCALE + 8, Money.ROUNDING);
        BigDecimal denom = side == Side.LONG ? inv.add(delta) : inv.subtract(delta);
        if (denom.signum() <= 0) return BigDecimal.valueOf(Long.MAX_VALUE); // a short that no price can bankrupt
        return Money.divide(BigDecimal.ONE, denom);
    }

    /** Rounds a bankruptcy price onto the tick grid in the direction that leaves the bankrupt side at or above zero. */
    public BigDecimal toTickTowardsSafety(Side side, BigDecimal price) {
        RoundingMode mode = side == Side.LONG ? RoundingMode.CEILING : RoundingMode.FLOOR;
        BigDecimal ticks = price.divide(tickSize, 0, mode);
        BigDecimal out = ticks.multiply(tickSize);
        return out.signum() > 0 ? Money.clean(out) : tickSize;
    }

    /** Rounds a size down to whole lots. */
    public BigDecimal toLotsDown(BigDecimal size) {
        long s = Money.unscaled(size), l = Money.unscaled(lotSize);
        if (s != Money.NOT_SMALL && l != Money.NOT_SMALL) {
            // in longs: the BigDecimal division and product allocate three numbers for every fill
            int common = Math.max(size.scale(), lotSize.scale());
            try {
                long lot = Money.scaleUp(l, common - lotSize.scale());
                long lots = Math.floorDiv(Money.scaleUp(s, common - size.scale()), lot);
                return Money.clean(Math.multiplyExact(lots, lot), common);
            } catch (ArithmeticException overflow) {
                // the BigDecimal arithmetic below
            }
        }
        return Money.clean(size.divide(lotSize, 0, RoundingMode.FLOOR).multiply(lotSize));
    }

    /**
     * {@code toLotsDown(a x b / c)}, the quotient rounded down at {@link Money#SCALE} places first; {@code c} positive.
     * In longs when the amounts are small and the lot a whole number of 10^-SCALE: rounding down to that grid and
     * then to whole lots is rounding down to whole lots, so one integer division gives the lots.
     */
    public BigDecimal toLotsDown(BigDecimal a, BigDecimal b, BigDecimal c) {
        long ua = Money.unscaled(a), ub = Money.unscaled(b), uc = Money.unscaled(c), lot = Money.unscaled(lotSize);
        if (ua != Money.NOT_SMALL && ub != Money.NOT_SMALL && uc != Money.NOT_SMALL && lot != Money.NOT_SMALL
                && lotSize.scale() <= Money.SCALE && c.signum() > 0) {
            try {
                // a x b / (c x lot): numerator and denominator brought to one scale
                int numeratorScale = a.scale() + b.scale();
                int denominatorScale = c.scale() + lotSize.scale();
                int common = Math.max(numeratorScale, denominatorScale);
                long lots = Math.floorDiv(Money.scaleUp(Math.multiplyExact(ua, ub), common - numeratorScale),
                        Money.scaleUp(Math.multiplyExact(uc, lot), common - denominatorScale));
                return Money.clean(Math.multiplyExact(lots, lot), lotSize.scale());
            } catch (ArithmeticException overflow) {
                // the BigDecimal arithmetic below
            }
        }
        return toLotsDown(a.multiply(b).divide(c, Money.SCALE, RoundingMode.FLOOR));
    }

    /**
     * Quote-currency notional used by the book model: size x contract value x price for linear contracts,
     * size x contract value (already in quote currency) for inverse ones.
     */
    public BigDecimal quoteNotional(BigDecimal size, BigDecimal price) {
        return type == ContractType.LINEAR ? contracts(size).multiply(price) : contracts(size);
    }

    public BigDecimal toTick(BigDecimal price) {
        BigDecimal out = price.divide(tickSize, 0, RoundingMode.HALF_EVEN).multiply(tickSize);
        return out.signum() > 0 ? Money.clean(out) : tickSize;
    }
}
