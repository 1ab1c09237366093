package org.deleveraging.cases;

import java.nio.file.Path;
import java.util.List;

import org.deleveraging.input.InputException;

/**
 * Cases and baselines without the shell, for CI scripts and reviewers:
 *
 * <pre>
 * mvn -q compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.mainClass=org.deleveraging.cases.CaseCommandLine -Dexec.args="approve --policy bitmex"
 * </pre>
 *
 * {@code verify [--policy P]} prints every verdict and exits 1 on any failure; {@code approve --policy P
 * [--accounts demo] [--scenario oct-10]} re-runs and writes the policy's baselines and prints what moved
 * ({@code approve --all}: every policy's, after a reviewed engine change). Run from
 * the repository root (policies/ and rules/ are read from the working folder). Exit code 2 means bad arguments.
 */
public final class CaseCommandLine {
    private CaseCommandLine() {}

    public static void main(String[] args) {
        quietRuleCompilerLogs();
        System.exit(run(List.of(args), Path.of("policies"), Path.of("rules")));
    }

    /** Drools logs its build chatter at INFO and WARN; the shell silences it in its properties, this does the same. */
    private static void quietRuleCompilerLogs() {
        for (String name : List.of("org.drools", "org.kie")) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger l)
                l.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    static int run(List<String> args, Path policies, Path rules) {
        if (args.isEmpty() || !List.of("verify", "approve").contains(args.get(0))) return usage();
        String policy = option(args, "--policy");
        Verifier verifier = new Verifier(policies, rules);
        try {
            if (args.get(0).equals("verify")) {
                VerifyReport report = verifier.verify(policy);
                System.out.println(report.report());
                return report.passed() ? 0 : 1;
            }
            boolean all = args.contains("--all");
            if (policy == null && !all) return usage();
            for (String id : all ? verifier.policyIds(null) : List.of(policy))
                for (Approval a : verifier.approve(id, option(args, "--accounts"), option(args, "--scenario")))
                    System.out.println(a.report());
            return 0;
        } catch (InputException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }

    private static int usage() {
        System.err.println(
                "usage: verify [--policy P]  |  approve (--policy P | --all) [--accounts demo] [--scenario oct-10]");
        return 2;
    }
}
