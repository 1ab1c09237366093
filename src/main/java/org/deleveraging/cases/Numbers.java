package org.deleveraging.cases;

import java.math.BigDecimal;

import org.deleveraging.domain.Money;

/** How verdicts and baselines print numbers: plain decimals without trailing zeros, so equal amounts print alike. */
final class Numbers {
    private Numbers() {}

    static String show(BigDecimal d) { return d == null ? "-" : Money.clean(d).toPlainString(); }
}
