package org.deleveraging.domain;

import java.math.BigDecimal;

/**
 * A linear order-book model per side: {@code bidDepth} is the notional (in the settlement asset's quote terms,
 * i.e. size x price for both contract types) that moves the price down by 1 %; {@code askDepth} the same upwards.
 * A scenario scales both by a depth multiplier per step (books thinned ~100x on 10 Oct 2025).
 *
 * @param permanentImpact share of a fill's price impact that stays in the mark after the fill (0..1)
 */
public record Liquidity(BigDecimal bidDepth, BigDecimal askDepth, BigDecimal permanentImpact)
        implements java.io.Serializable {
    public Liquidity {
        if (bidDepth.signum() <= 0 || askDepth.signum() <= 0)
            throw new IllegalArgumentException("book depth must be positive");
        if (permanentImpact.signum() < 0 || permanentImpact.compareTo(BigDecimal.ONE) > 0)
            throw new IllegalArgumentException("permanent impact must be between 0 and 1");
    }
}
