package org.deleveraging.run;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.deleveraging.domain.Money;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;

/**
 * The digest as first written, field by field through strings: kept to prove that the buffered one hashes the same
 * bytes, since stored runs are checked against it.
 *
 * A SHA-256 fingerprint of what a run produced (per-step metrics, every event, every touched account's outcome), in a
 * canonical text form. Two runs of the same policy files, account set, scenario, seed and engine give the same digest:
 * that is what "reproduced exactly" is checked against.
 */
final class ResultDigestAsFirstWritten {
    private ResultDigestAsFirstWritten() {}

    static String of(RunResult r) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (StepMetrics s : r.steps())
            put(md, "S", s.step(), s.marks(), s.rounds(), s.roundCapHit(), s.liquidations(), n(s.liquidationNotional()),
                    n(s.shortfall()), n(s.fundBalance()), n(s.fundPaid()), n(s.backstopEquity()), s.adlCount(),
                    n(s.adlNotional()), n(s.adlHaircut()), n(s.adlCovered()), n(s.socialized()), n(s.badDebt()));
        for (RunEvent e : r.events())
            put(md, "E", e.step(), e.round(), e.kind(), e.accountId(), e.counterpartyId(), e.market(), e.side(),
                    n(e.size()), n(e.price()), n(e.amount()), n(e.equityAfter()), e.ruleId());
        for (AccountOutcome o : r.outcomes())
            if (o.touched())
                put(md, "O", o.accountId(), n(o.equityStart()), n(o.equityEnd()), n(o.liquidatedNotional()),
                        n(o.adlSize()), n(o.haircut()), n(o.badDebt()), o.events());
        return HexFormat.of().formatHex(md.digest());
    }

    private static String n(BigDecimal v) { return v == null ? "" : Money.clean(v).toPlainString(); }

    private static void put(MessageDigest md, Object... fields) {
        for (Object f : fields) {
            String s = f instanceof java.util.Map<?, ?> m ? mapText(m) : String.valueOf(f);
            md.update(s.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x1f);
        }
        md.update((byte) '\n');
    }

    private static String mapText(java.util.Map<?, ?> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('=').append(v instanceof BigDecimal d ? n(d) : v).append(';'));
        return b.toString();
    }
}
