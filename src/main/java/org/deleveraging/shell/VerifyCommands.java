package org.deleveraging.shell;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.deleveraging.cases.Approval;
import org.deleveraging.cases.Verifier;
import org.deleveraging.cases.VerifyReport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/**
 * {@code verify} and {@code baseline approve}: the shell's face of the regression cases and approved baselines. A thin
 * adapter over {@link Verifier}, which the test suite runs too, so the shell and CI give the same verdicts with the
 * same tables. Policies are compiled afresh for every command, so an edit on disk is verified as it stands.
 */
@Command(group = "Verification")
public class VerifyCommands {
    private final Path policies;
    private final Path rules;
    private final Interrupts interrupts;

    public VerifyCommands(@Value("${workbench.policies-dir:policies}") String policies,
                          @Value("${workbench.rules-dir:rules}") String rules, Interrupts interrupts) {
        this.policies = Path.of(policies);
        this.rules = Path.of(rules);
        this.interrupts = interrupts;
    }

    @Command(command = "verify", description = "Run every regression case and approved baseline (of one policy with"
            + " --policy) and show expected against actual; fails, and exits non-zero in a script, on any difference.")
    public void verify(
            @Option(longNames = "policy", description = "only this policy's cases and baselines") String policy,
                       CommandContext ctx) {
        VerifyReport report;
        try (Interrupts.Command command = interrupts.begin()) {
            report = new Verifier(policies, rules).verify(policy, command.cancellation());
        }
        PrintWriter out = ctx.getTerminal().writer();
        out.println(report.report());
        out.flush();
        if (!report.passed()) throw new VerificationFailed(report.summary());
    }

    @Command(command = "baseline approve", description = "Re-run a policy's baselines over their account set and"
            + " scenario and write the results as approved (commit the file so the change shows in review).")
    public void approve(@Option(longNames = "policy", required = true,
            description = "the policy whose baselines to approve") String policy,
                        @Option(longNames = "accounts",
                                description = "the account set of a new baseline (default demo)") String accounts,
                        @Option(longNames = "scenario",
                                description = "the shipped scenario of a new baseline (default oct-10)")
                                String scenario,
                        CommandContext ctx) {
        PrintWriter out = ctx.getTerminal().writer();
        try (Interrupts.Command command = interrupts.begin()) {
            for (Approval a : new Verifier(policies, rules).approve(policy, accounts, scenario, command.cancellation()))
                out.println(a.report());
        } finally {
            out.flush();
        }
    }

    /** Some case or baseline did not pass: after the tables are shown, the command fails (exit code 1 in a script). */
    static final class VerificationFailed extends RuntimeException {
        VerificationFailed(String summary) { super("verification failed: " + summary); }
    }
}
