package org.deleveraging.domain;

import java.math.BigDecimal;

/** Direction of a position. The sign turns price moves into profit: +1 for a long, -1 for a short. */
public enum Side {
    LONG(1), SHORT(-1);

    private final int sign;

    Side(int sign) { this.sign = sign; }

    public int sign() { return sign; }

    public BigDecimal signum() { return BigDecimal.valueOf(sign); }

    public Side opposite() { return this == LONG ? SHORT : LONG; }

    public static Side parse(String text) {
        // the spellings files use, without trimming or case-folding: an import reads a million of them
        if (text.equals("long")) return LONG;
        if (text.equals("short")) return SHORT;
        // only the two words the formats name: "buy", "sell", "l" or "s" could mean an order's side or a typo
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "long" -> LONG;
            case "short" -> SHORT;
            default -> throw new IllegalArgumentException("side must be long or short, got '" + text + "'");
        };
    }
}
