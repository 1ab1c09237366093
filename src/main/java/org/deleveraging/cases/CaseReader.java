package org.deleveraging.cases;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.deleveraging.engine.PolicySettings;
import org.deleveraging.input.YamlNode;
import org.deleveraging.policy.Policy;

/**
 * Reads a case file: {@code title}, an optional {@code description}, and the three sections {@code given},
 * {@code when} and {@code then}. How the expected figures were derived belongs in comments beside them.
 * Every mistake is an {@link org.deleveraging.input.InputException} naming file, line and key.
 */
final class CaseReader {
    private CaseReader() {}

    /** Reads a case of {@code policy}; parameter overrides and rule ids are checked against it. */
    static RegressionCase read(Path file, Policy policy) {
        String source = Display.of(file);
        YamlNode root = YamlNode.load(file, source);
        root.onlyKeys(List.of("title", "description", "given", "when", "then"));
        String title = root.get("title").text().trim();
        Path policyFolder = policy.directory() == null ? file.getParent() : policy.directory();
        Given given = GivenReader.read(root.get("given"), file.getParent(), policyFolder, stem(file));
        root.get("given").opt("parameters").ifPresent(p -> p.asMap().forEach((name, v) -> {
            if (!policy.parameters().asMap().containsKey(name))
                throw v.error("policy " + policy.id() + " has no parameter " + name + "; it declares "
                        + (policy.parameters().asMap().isEmpty()
                        ? "none" : String.join(", ", policy.parameters().asMap().keySet())));
        }));
        PolicySettings settings = root.get("given").opt("settings")
                .map(n -> SettingsOverrides.apply(n, policy.settings())).orElse(policy.settings());
        var scenario = WhenReader.read(root.get("when"), given, stem(file));
        ThenReader.Then then = ThenReader.read(root.get("then"), given, ruleIds(policy));
        return new RegressionCase(source, policy.id(), title, given.accounts(), given.parameters(), settings, scenario,
                then.expectations(), then.tolerance());
    }

    /** The title a case shows before it is run: its own, or its file name when the file cannot be read. */
    static String titleOf(Path file) {
        try {
            return YamlNode.load(file, Display.of(file)).get("title").text().trim();
        } catch (RuntimeException unreadable) {
            return stem(file).replaceFirst("^(\\d+)-", "$1 ").replace('-', ' ');
        }
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** "LIQ-010 Close out ..." is rule LIQ-010. */
    static Set<String> ruleIds(Policy policy) {
        Set<String> out = new TreeSet<>();
        for (String name : policy.ruleNames()) out.add(name.contains(" ") ? name.substring(0, name.indexOf(' '))
                : name);
        return out;
    }
}
