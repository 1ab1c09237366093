package org.deleveraging.cases;

import java.util.List;

/**
 * The outcome of one case or baseline: its checks, or the error that stopped it (a case file that does not read, a
 * policy that does not load, a run that failed). {@link #report()} is the text an officer reads, the same in the test
 * suite, the shell and CI.
 *
 * @param name "policy › case title"
 * @param source the file the verdict is about
 * @param note what the reader should know beside the table (e.g. a tolerance and its reason); may be empty
 * @param baseline true when the expected figures are an approved baseline's rather than a case's
 */
public record Verdict(String name, String source, List<Check> checks, String error, String note, boolean baseline) {
    public Verdict {
        checks = List.copyOf(checks);
        note = note == null ? "" : note;
    }

    static Verdict checked(String name, String source, List<Check> checks, String note) {
        return new Verdict(name, source, checks, null, note, false);
    }

    static Verdict againstBaseline(String name, String source, List<Check> checks, String note) {
        return new Verdict(name, source, checks, null, note, true);
    }

    static Verdict error(String name, String source, String error) {
        return new Verdict(name, source, List.of(), error, "", false);
    }

    public boolean passed() { return error == null && checks.stream().allMatch(Check::ok); }

    public long differences() { return checks.stream().filter(c -> !c.ok()).count(); }

    /** One line when it passed; the expected-versus-actual table (or the error) when it did not. */
    public String report() {
        if (passed()) return "PASS   " + name + "  (" + checks.size() + (checks.size() == 1 ? " check)" : " checks)");
        StringBuilder out = new StringBuilder();
        out.append(error != null ? "ERROR  " : "FAIL   ").append(name).append('\n');
        if (error != null) {
            for (String line : error.split("\n")) out.append("       ").append(line).append('\n');
            return out.toString().stripTrailing();
        }
        out.append("       ").append(source).append('\n');
        if (!note.isEmpty()) out.append("       ").append(note).append('\n');
        out.append(CheckTable.render(checks, baseline ? "approved" : "expected", baseline ? "this run" : "actual"));
        out.append("       ").append(baseline ? differences() + " figures differ from the approved run"
                : differences() + " of " + checks.size() + " checks differ");
        return out.toString();
    }
}
