package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every rule id in {@code rules/} is named by a test: a per-rule test class (by its id written with underscores, as
 * the *RulesTest classes name their methods, or quoted) or a policy's regression case. A new rule without a test fails
 * here, naming it.
 */
class EveryRuleHasATestTest {
    private static final Pattern RULE_ID = Pattern.compile("^rule \"([A-Z]+(?:-[A-Z0-9]+)*-\\d{3})\\b",
            Pattern.MULTILINE);

    @Test
    void every_rule_id_is_named_by_a_test_or_a_case() throws IOException {
        Set<String> ids = new TreeSet<>();
        for (Path drl : files(Path.of("rules"), ".drl")) {
            Matcher m = RULE_ID.matcher(Files.readString(drl));
            while (m.find()) ids.add(m.group(1));
        }
        assertThat(ids).hasSizeGreaterThan(40);
        StringBuilder tests = new StringBuilder();
        for (Path t : files(Path.of("src/test/java"), ".java")) tests.append(Files.readString(t)).append('\n');
        for (Path c : files(Path.of("policies"), ".yaml")) tests.append(Files.readString(c)).append('\n');
        String all = tests.toString();
        Set<String> untested = new TreeSet<>();
        for (String id : ids)
            if (!all.contains(id.replace('-', '_') + "_") && !all.contains("\"" + id + "\"") && !all.contains(id + ":")
                    && !all.contains("rule: " + id))
                untested.add(id);
        assertThat(untested).as("rule ids no test or case names").isEmpty();
    }

    private static java.util.List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
