package org.deleveraging.run;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
final class ResultDigest {
    private ResultDigest() {}

    static String of(RunResult r) {
        Text t = new Text();
        steps(t, r);
        for (RunEvent e : r.events()) event(t, e);
        outcomes(t, r);
        return t.digest();
    }

    /**
     * The digest of a run whose events were written to {@code lines} as the run handed them over, rather than kept in
     * its result: the same bytes in the same order, so the same digest as {@link #of(RunResult)} would give. On the
     * lines' thread, after the last of them.
     */
    private static String of(RunResult r, EventLines lines) {
        if (lines.count != r.eventCount())
            throw new IllegalStateException("the digest has " + lines.count + " event lines, the run "
                    + r.eventCount() + " events");
        Text t = new Text();
        steps(t, r);
        t.flush();
        for (byte[] chunk : lines.chunks) t.md.update(chunk);
        outcomes(t, r);
        return t.digest();
    }

    /**
     * A run's event lines, written on a thread of their own as the engine hands its events over, so that the events
     * need not be kept until the run ends: about 90 bytes an event, in 16 KB chunks that hold no references, where the
     * events themselves were three times that and full of them. {@link #add} and {@link #digest} are called from one
     * thread, the engine's; the writing is done on this object's thread, in the order handed over.
     */
    static final class EventLines implements AutoCloseable {
        private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "run-digest");
            t.setDaemon(true);
            return t;
        });
        private final List<byte[]> chunks = new ArrayList<>();
        private final Text text = new Text(chunks::add);
        private int count;
        /** The writing queued so far; a failure skips what follows and reaches {@link #digest}. */
        private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

        /** Queues the lines of {@code events}, the next ones of the run; returns at once. */
        void add(List<RunEvent> events) {
            written = written.thenRunAsync(() -> {
                for (RunEvent e : events) event(text, e);
                count += events.size();
            }, worker);
        }

        /**
         * The run's digest, once every line queued is written: the one {@link ResultDigest#of(RunResult)} would give.
         */
        CompletableFuture<String> digest(RunResult r) {
            return written.thenApplyAsync(done -> {
                text.flush();
                return of(r, this);
            }, worker);
        }

        @Override public void close() { worker.shutdownNow(); }
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
        /** Null when the text goes to {@link #chunks} instead of being hashed. */
        private final MessageDigest md;
        private final java.util.function.Consumer<byte[]> chunks;
        private final byte[] buffer = new byte[1 << 14];
        private int size;

        /** Text hashed as it is written. */
        Text() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            chunks = null;
        }

        /** Text kept as it is written, to be hashed later in its place ({@link EventLines}). */
        Text(java.util.function.Consumer<byte[]> chunks) {
            this.md = null;
            this.chunks = chunks;
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
            if (md != null) md.update(b);
            else chunks.accept(b);
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
            if (md != null) md.update(buffer, 0, size);
            else chunks.accept(java.util.Arrays.copyOf(buffer, size));
            size = 0;
        }

        String digest() {
            flush();
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
