package org.deleveraging.domain;

/** CROSS: one pot backs every position of the account. ISOLATED: each position has its own margin and fails alone. */
public enum MarginMode {
    CROSS, ISOLATED;

    public static MarginMode parse(String text) {
        // the spellings files use, without trimming or case-folding: an import reads a million of them
        if (text.equals("cross")) return CROSS;
        if (text.equals("isolated")) return ISOLATED;
        return switch (text.trim().toLowerCase()) {
            case "cross" -> CROSS;
            case "isolated" -> ISOLATED;
            default -> throw new IllegalArgumentException("margin mode must be cross or isolated, got '" + text + "'");
        };
    }
}
