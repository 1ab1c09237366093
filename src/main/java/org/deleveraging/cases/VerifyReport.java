package org.deleveraging.cases;

import java.util.List;

/** Every verdict of a {@code verify} run, and the one-line summary CI and the shell end with. */
public record VerifyReport(List<Verdict> verdicts) {
    public VerifyReport {
        verdicts = List.copyOf(verdicts);
    }

    public boolean passed() { return verdicts.stream().allMatch(Verdict::passed); }

    public long failed() { return verdicts.stream().filter(v -> !v.passed()).count(); }

    /** "12 passed, 1 failed": the closing line CI reads. */
    public String summary() { return (verdicts.size() - failed()) + " passed, " + failed() + " failed"; }

    public String report() {
        StringBuilder out = new StringBuilder();
        for (Verdict v : verdicts) out.append(v.report()).append('\n');
        return out.append(summary()).toString();
    }
}
