package org.deleveraging.domain;

/** CROSS: one pot backs every position of the account. ISOLATED: each position has its own margin and fails alone. */
public enum MarginMode {
    CROSS, ISOLATED;

    public static MarginMode parse(String text) {
        return switch (text.trim().toLowerCase()) {
            case "cross" -> CROSS;
            case "isolated" -> ISOLATED;
            default -> throw new IllegalArgumentException("margin mode must be cross or isolated, got '" + text + "'");
        };
    }
}
