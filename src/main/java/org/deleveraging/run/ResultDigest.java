package org.deleveraging.run;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.deleveraging.domain.Money;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;

/**
 * A SHA-256 fingerprint of what a run produced (per-step metrics, every event, every touched account's outcome), in a
 * canonical text form. Two runs of the same policy files, account set, scenario, seed and engine give the same digest:
 * that is what "reproduced exactly" is checked against.
 *
 * <p>The text, line by line: a tag ("S", "E", "O") and the fields, each followed by the byte 0x1f, then a newline.
 * A field is written as {@link String#valueOf(Object)} would write it ("null" for a missing id), an amount as
 * {@link Money#clean} then {@link BigDecimal#toPlainString()} (empty when missing), a map as {@code key=value;} pairs.
 * Stored digests depend on these bytes: they may never change.
 */
public final class ResultDigest {
    private ResultDigest() {}

    public static String of(RunResult r) {
        Text t = new Text();
        steps(t, r);
        for (RunEvent e : r.events()) event(t, e);
        outcomes(t, r);
        return t.digest();
    }

    private static void steps(Text t, RunResult r) {
        for (StepMetrics s : r.steps()) {
            t.field("S").field(s.step()).field(marks(s.marks())).field(s.rounds())
                    .field(String.valueOf(s.roundCapHit()))
                    .field(s.liquidations()).amount(s.liquidationNotional()).amount(s.shortfall())
                    .amount(s.fundBalance())
                    .amount(s.fundPaid()).amount(s.backstopEquity()).field(s.adlCount()).amount(s.adlNotional())
                    .amount(s.adlHaircut()).amount(s.adlCovered()).amount(s.socialized()).amount(s.badDebt()).end();
        }
    }

    private static void event(Text t, RunEvent e) {
        t.field("E").field(e.step()).field(e.round()).field(e.kind() == null ? null : e.kind().name())
                .field(e.accountId())
                .field(e.counterpartyId()).field(e.market()).field(e.side()).amount(e.size()).amount(e.price())
                .amount(e.amount()).amount(e.equityAfter()).field(e.ruleId()).end();
    }

    private static void outcomes(Text t, RunResult r) {
        for (AccountOutcome o : r.outcomes())
            if (o.touched())
                t.field("O").field(o.accountId()).amount(o.equityStart()).amount(o.equityEnd())
                        .amount(o.liquidatedNotional()).amount(o.adlSize()).amount(o.haircut()).amount(o.badDebt())
                        .field(o.events()).end();
    }

    private static String n(BigDecimal v) { return v == null ? "" : Money.clean(v).toPlainString(); }

    private static String marks(Map<String, BigDecimal> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('=').append(n(v)).append(';'));
        return b.toString();
    }

    /**
     * The canonical text, hashed as it is written: into a buffer handed to the digest a few kilobytes at a time, not
     * a string and a call per field (a 1M-position run has 837k events of twelve fields, and the digest of the run is
     * waited for when it is stored).
     */
    private static final class Text {
        private static final byte SEPARATOR = 0x1f;
        private final MessageDigest md;
        private final byte[] buffer = new byte[1 << 14];
        private int size;

        /** Text hashed as it is written. */
        Text() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Text field(String s) {
            if (s == null) s = "null";
            int length = s.length();
            if (length > 2048) return bytes(s.getBytes(StandardCharsets.UTF_8));
            room(3 * length + 1);
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    // not ASCII: the string's own encoder, from its start
                    size -= i;
                    return bytes(s.getBytes(StandardCharsets.UTF_8));
                }
                buffer[size++] = (byte) c;
            }
            buffer[size++] = SEPARATOR;
            return this;
        }

        Text field(int v) { return field(Integer.toString(v)); }

        Text amount(BigDecimal v) { return field(n(v)); }

        private Text bytes(byte[] b) {
            flush();
            md.update(b);
            room(1);
            buffer[size++] = SEPARATOR;
            return this;
        }

        Text end() {
            room(1);
            buffer[size++] = '\n';
            return this;
        }

        private void room(int n) {
            if (size + n > buffer.length) flush();
        }

        private void flush() {
            if (size == 0) return;
            md.update(buffer, 0, size);
            size = 0;
        }

        String digest() {
            flush();
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
