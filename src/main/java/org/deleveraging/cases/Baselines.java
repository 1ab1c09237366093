package org.deleveraging.cases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.Policy;
import org.deleveraging.scenario.ScenarioCatalog;

/** Re-runs an approved baseline and compares; or runs one afresh and writes it as the new approved baseline. */
final class Baselines {
    private Baselines() {}

    static Verdict verify(Path file, String name, Policy policy) {
        String source = Display.of(file);
        try {
            BaselineFile.Parsed approved = BaselineFile.parse(read(file));
            String accounts = required(approved, "accounts", source);
            String scenario = required(approved, "scenario", source);
            String policyId = required(approved, "policy", source);
            if (!policyId.equals(policy.id()))
                throw new InputException(source, 0, "policy",
                        "this baseline is of policy " + policyId + ", not " + policy.id());
            String fresh = render(policy, accounts, scenario, source);
            List<Check> checks = BaselineComparison.compare(approved, BaselineFile.parse(fresh));
            return Verdict.againstBaseline(name, source, checks,
                    "differences from the approved run; if the change is intended,"
                    + " re-approve with `baseline approve --policy " + policy.id() + "` and commit the file");
        } catch (InputException e) {
            return Verdict.error(name, source, e.getMessage());
        } catch (RuntimeException e) {
            return Verdict.error(name, source, source + ": the run failed: " + e);
        }
    }

    /**
     * Runs the policy over the account set and scenario and writes the result as the approved baseline, returning
     * how the new run differs from the one approved before.
     */
    static Approval approve(Path policyDir, Policy policy, String accounts, String scenario) {
        Path file = policyDir.resolve(BaselineFile.fileName(accounts, scenario));
        String source = Display.of(file);
        String fresh = render(policy, accounts, scenario, source);
        boolean first = !Files.isRegularFile(file);
        List<Check> changes = first ? List.of()
                : BaselineComparison.compare(BaselineFile.parse(read(file)), BaselineFile.parse(fresh));
        try {
            Files.writeString(file, fresh, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(source, 0, null, "cannot write the baseline: " + e.getMessage());
        }
        return new Approval(source, first, changes);
    }

    private static String render(Policy policy, String accounts, String scenario, String source) {
        AccountSet set = AccountSets.named(accounts, source);
        Scenario s;
        try {
            s = ScenarioCatalog.load(scenario);
        } catch (InputException e) {
            throw new InputException(source, 0, "scenario", e.getMessage());
        }
        RunResult r = new Engine().run(policy.settings(), policy.newDecisions(), set, s, s.seed(), RunListener.NONE);
        return BaselineFile.render(policy.id(), policy.hash(), accounts, scenario, r);
    }

    private static String required(BaselineFile.Parsed p, String key, String source) {
        String v = p.header().get(key);
        if (v == null || v.isBlank()) throw new InputException(source, 0, key, "missing from the baseline's header");
        return v;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(Display.of(file), 0, null, "cannot read: " + e.getMessage());
        }
    }
}
