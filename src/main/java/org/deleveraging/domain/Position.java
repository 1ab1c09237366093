package org.deleveraging.domain;

import java.math.BigDecimal;

/**
 * An open position as imported.
 *
 * @param size contracts, positive
 * @param isolatedMargin the margin set aside for this position when its account is isolated; zero in cross
 */
public record Position(String market, Side side, BigDecimal size, BigDecimal entryPrice, BigDecimal isolatedMargin)
        implements java.io.Serializable {
    public Position {
        if (size.signum() <= 0) throw new IllegalArgumentException("size must be positive");
        if (entryPrice.signum() <= 0) throw new IllegalArgumentException("entry price must be positive");
        if (isolatedMargin.signum() < 0) throw new IllegalArgumentException("isolated margin must not be negative");
    }
}
