package org.deleveraging.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * A trader's account: a wallet balance (cash not tied up in isolated positions, excluding unrealised PnL), a margin
 * mode and positions. All of an account's markets settle in one asset.
 */
public record Account(String id, MarginMode mode, BigDecimal walletBalance, List<Position> positions)
        implements java.io.Serializable {
    public Account {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("account id must not be blank");
        positions = List.copyOf(positions);
    }
}
