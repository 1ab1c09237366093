package org.deleveraging.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;

/**
 * Where two runs of the same inputs differ: per part of the result, the first element that differs, in words. Every
 * part counts (steps, events, account outcomes, ADL queues, funds, bad debt, ledger totals, rule firings) except an
 * event's free-text reason, which each implementation words its own way; the deciding rule's id does count.
 */
public final class RunComparison {
    private RunComparison() {}

    /** The differences of {@code actual} from {@code expected}; empty when the runs are identical. */
    public static List<String> differences(RunResult expected, RunResult actual) {
        List<String> out = new ArrayList<>();
        sameList(out, "steps", expected.steps(), actual.steps());
        sameList(out, "events", expected.events().stream().map(RunComparison::withoutReason).toList(),
                actual.events().stream().map(RunComparison::withoutReason).toList());
        sameList(out, "account outcomes", expected.outcomes(), actual.outcomes());
        sameList(out, "ADL queues", expected.queues(), actual.queues());
        same(out, "insurance funds at the end", expected.fundsEnd(), actual.fundsEnd());
        same(out, "bad debt", expected.badDebt(), actual.badDebt());
        same(out, "ledger at the start", expected.ledgerStart(), actual.ledgerStart());
        same(out, "ledger at the end", expected.ledgerEnd(), actual.ledgerEnd());
        same(out, "rules fired", expected.rulesFired(), actual.rulesFired());
        return out;
    }

    /**
     * A SHA-256 over everything {@link #differences} compares, in the same order: two runs are identical exactly when
     * their fingerprints are (up to a hash collision). For comparing runs too large to hold two of in memory.
     */
    public static String fingerprint(RunResult r) {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Object part : List.of(r.steps(), r.events().stream().map(RunComparison::withoutReason).toList(),
                r.outcomes(),
                r.queues(), List.of(r.fundsEnd()), List.of(r.badDebt()), List.of(r.ledgerStart()),
                List.of(r.ledgerEnd()), List.of(r.rulesFired()))) {
            for (Object item : (List<?>) part) md.update((item + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) 0x1e);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static RunEvent withoutReason(RunEvent e) {
        return new RunEvent(e.step(), e.round(), e.kind(), e.accountId(), e.counterpartyId(), e.market(), e.side(),
                e.size(), e.price(), e.amount(), e.equityAfter(), e.ruleId(), null);
    }

    private static <T> void sameList(List<String> out, String part, List<T> expected, List<T> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!Objects.equals(expected.get(i), actual.get(i))) {
                out.add(part + ": first difference at #" + i + " of " + expected.size() + " / " + actual.size()
                        + "\n  expected " + expected.get(i) + "\n  actual   " + actual.get(i));
                return;
            }
        }
        if (expected.size() != actual.size())
            out.add(part + ": " + expected.size() + " expected, " + actual.size() + " actual; the first extra is "
                    + (expected.size() > n ? expected.get(n) : actual.get(n)));
    }

    private static void same(List<String> out, String part, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) out.add(part + ":\n  expected " + expected + "\n  actual   " + actual);
    }
}
