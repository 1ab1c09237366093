package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunEvent.Kind;

/**
 * The ordered lists of events a case can expect, in the order the run produced them, and the fields a case may name
 * for each. Field names are the officer's words: {@code against} is the bankrupt account an ADL fill or a haircut
 * paid for; a haircut's {@code amount} is what the winner gave up (positive).
 */
enum EventList {
    LIQUIDATIONS("liquidations", Kind.LIQUIDATION,
            List.of("account", "market", "side", "size", "price", "rule", "step")),
    SURPLUS("surplus", Kind.SURPLUS, List.of("account", "market", "amount", "rule", "step")),
    FUND_COVERS("fundCovers", Kind.FUND_COVER, List.of("account", "amount", "rule", "step")),
    BACKSTOP("backstop", Kind.BACKSTOP, List.of("account", "market", "side", "size", "price", "rule", "step")),
    ADL("adl", Kind.ADL, List.of("account", "against", "market", "side", "size", "price", "amount", "rule", "step")),
    SOCIALIZED("socialized", Kind.SOCIALIZED, List.of("account", "against", "amount", "rule", "step")),
    TAKEOVERS("takeovers", Kind.TAKEOVER, List.of("account", "market", "side", "size", "price", "step")),
    BAD_DEBT("badDebts", Kind.BAD_DEBT, List.of("account", "amount", "step"));

    /** Fields shown for an actual event that no expected row lines up with. */
    private static final List<String> SHOWN_WHEN_UNEXPECTED = List.of("account", "against", "market", "side", "size",
            "price", "amount");

    final String key;
    final Kind kind;
    final List<String> fields;

    EventList(String key, Kind kind, List<String> fields) {
        this.key = key;
        this.kind = kind;
        this.fields = fields;
    }

    static final List<String> NUMERIC = List.of("size", "price", "amount");

    boolean includes(RunEvent e) {
        if (e.kind() != kind) return false;
        // the backstop records a hand-over per position and one for the equity; cases list the positions
        return kind != Kind.BACKSTOP || e.size() != null;
    }

    Row row(RunEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : fields) {
            Object v = switch (f) {
                case "account" -> e.accountId();
                case "against" -> e.counterpartyId();
                case "market" -> e.market();
                case "side" -> e.side() == null ? null : e.side().toLowerCase();
                case "size" -> e.size();
                case "price" -> e.price();
                case "amount" -> amount(e);
                case "rule" -> e.ruleId();
                case "step" -> String.valueOf(e.step());
                default -> throw new IllegalStateException(f);
            };
            if (v != null) out.put(f, v);
        }
        return new Row(out);
    }

    /** Money leaving an account to pay someone else is shown as a positive amount paid. */
    private BigDecimal amount(RunEvent e) {
        if (e.amount() == null) return null;
        return switch (kind) {
            case SURPLUS, SOCIALIZED -> e.amount().negate();
            default -> e.amount();
        };
    }

    Row shown(Row actual) { return actual.only(SHOWN_WHEN_UNEXPECTED); }
}
