package org.deleveraging.shell;

import java.util.List;

import org.deleveraging.policy.Policy;
import org.deleveraging.policy.PolicyFile;
import org.deleveraging.policy.PolicyDiff;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.policy.SettingNames;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code policy list|show|use|validate|reload|diff}: the policies on disk and the one in use. */
@Command(command = "policy", group = "Policy")
public class PolicyCommands {
    private final PolicyRegistry registry;

    public PolicyCommands(PolicyRegistry registry) { this.registry = registry; }

    @Command(command = "list", description = "List the policies under the policies folder; * marks the one in use.")
    public String list() {
        TextTable t = new TextTable("", "id", "name", ">version", "hash", "status");
        for (PolicyRegistry.Entry e : registry.list()) {
            t.row(e.active() ? "*" : "", e.id(), e.policy().map(Policy::name).orElse(""),
                    e.policy().map(p -> String.valueOf(p.version())).orElse(""),
                    e.policy().map(p -> Show.shortHash(p.hash())).orElse(""),
                    e.error().map(err -> "does not compile: " + PolicyRegistry.firstLine(err)).orElse("ok"));
        }
        return t.isEmpty() ? "no policies found\n" : t.toString();
    }

    @Command(command = "show", description = "Show a policy: its files, hash, settings, parameters and rules.")
    public String show(@Option(longNames = "policy", description = "the policy (default: the one in use)")
                       @OptionValues(provider = "policyNames") String policy) {
        Policy p = policy == null ? registry.active() : registry.get(policy);
        StringBuilder b = new StringBuilder();
        b.append(p.id()).append(" - ").append(p.name()).append(", version ").append(p.version()).append('\n');
        if (!p.description().isEmpty()) b.append(p.description()).append('\n');
        b.append("hash ").append(p.hash()).append('\n').append("files:\n");
        for (PolicyFile f : p.files()) b.append("  ").append(f.path()).append('\n');
        b.append("settings:\n");
        SettingNames.of(p.settings())
                .forEach((k, v) -> b.append("  ").append(k).append(": ").append(PolicyDiff.show(v)).append('\n'));
        if (!p.parameters().asMap().isEmpty()) {
            b.append("parameters:\n");
            p.parameters().asMap()
                    .forEach((k, v) -> b.append("  ").append(k).append(": ").append(v.toPlainString()).append('\n'));
        }
        b.append("rules:\n");
        for (String r : p.ruleNames()) b.append("  ").append(r).append('\n');
        return b.toString();
    }

    @Command(command = "use",
            description = "Rebuild a policy from disk and make it the one in use; if it does not compile,"
            + " the policy in use stays and the error is shown.")
    public String use(@Option(longNames = "policy", required = true, description = "the policy to use")
                      @OptionValues(provider = "policyNames") String policy) {
        Policy p = registry.use(policy);
        return "in use: " + p.id() + " (version " + p.version() + ", hash " + Show.shortHash(p.hash()) + ")\n";
    }

    @Command(command = "validate",
            description = "Compile a policy (an id, or a folder path) without putting it in use.")
    public String validate(@Option(longNames = "policy", required = true, description = "a policy id or folder")
                           @OptionValues(provider = "policyNames") String policy) {
        Policy p = registry.validate(policy);
        return p.id() + ": ok, " + p.ruleNames().size() + " rules, " + p.files()
                .size() + " files, hash " + Show.shortHash(p.hash()) + "\n";
    }

    @Command(command = "reload",
            description = "Rebuild every policy from disk; a policy that no longer compiles keeps its"
            + " last good version in use and its error is shown.")
    public String reload() {
        StringBuilder b = new StringBuilder();
        for (PolicyRegistry.Reloaded r : registry.reload()) b.append(r.id()).append(": ").append(r.outcome())
                .append('\n');
        Policy active = registry.active();
        return b.append("in use: ").append(active.id()).append('\n').toString();
    }

    @Command(command = "diff",
            description = "Compare two policies: settings and parameters that differ, then files, line by"
            + " line.")
    public String diff(@Option(longNames = "policy", required = true, description = "the first policy")
                       @OptionValues(provider = "policyNames") String left,
                       @Option(longNames = "with", required = true, description = "the second policy")
                       @OptionValues(provider = "policyNames") String right) {
        PolicyDiff d = PolicyDiff.between(registry.get(left), registry.get(right));
        if (d.same()) return left + " and " + right + " are the same\n";
        StringBuilder b = new StringBuilder();
        if (!d.parameters().isEmpty()) {
            TextTable t = new TextTable("setting", left, right);
            for (PolicyDiff.Change c : d.parameters()) t.row(c.name(), c.left(), c.right());
            b.append(t);
        }
        for (PolicyDiff.FileChange f : d.files()) {
            b.append('\n').append(f.file()).append(": ").append(f.status()).append('\n');
            List<String> lines = f.lines();
            lines.stream().limit(60).forEach(l -> b.append("  ").append(l).append('\n'));
            if (lines.size() > 60) b.append("  ... ").append(lines.size() - 60).append(" more changed lines\n");
        }
        return b.toString();
    }
}
