package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One item of an ordered list in a verdict (a liquidation fill, an ADL fill, a haircut): named fields in a fixed
 * order, each a word or an exact decimal. An expected row names only the fields the case cares about; the actual row
 * is compared, and shown, on those fields alone.
 */
final class Row {
    /** Fields compared within the case's tolerance; every other number (sizes, steps) must match exactly. */
    private static final List<String> TOLERATED = List.of("price", "amount");

    private final Map<String, Object> fields;

    Row(Map<String, Object> fields) { this.fields = new LinkedHashMap<>(fields); }

    /** The same row keeping only {@code keys}, in this row's order. */
    Row only(Iterable<String> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : fields.entrySet()) for (String k : keys) if (k.equals(e.getKey())) out.put(k, e.getValue());
        return new Row(out);
    }

    Iterable<String> keys() { return fields.keySet(); }

    boolean matches(Row actual, Tolerance tolerance) {
        for (var e : fields.entrySet()) {
            Object a = actual.fields.get(e.getKey());
            if (a == null) return false;
            if (e.getValue() instanceof BigDecimal x && a instanceof BigDecimal y) {
                boolean ok = TOLERATED.contains(e.getKey()) ? tolerance.accepts(x, y) : x.compareTo(y) == 0;
                if (!ok) return false;
            } else if (!text(e.getValue()).equals(text(a))) {
                return false;
            }
        }
        return true;
    }

    /** "acct2, against short, size 10, price 650": the first field bare, the others named. */
    String render() {
        StringJoiner out = new StringJoiner(", ");
        boolean first = true;
        for (var e : fields.entrySet()) {
            out.add(first ? text(e.getValue()) : e.getKey() + " " + text(e.getValue()));
            first = false;
        }
        return out.toString();
    }

    static String text(Object v) {
        if (v == null) return "-";
        return v instanceof BigDecimal d ? Numbers.show(d) : v.toString();
    }
}
