package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.deleveraging.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every folder under policies/ is a policy that loads, so a policy added later is covered without a new test. */
class EveryPolicyLoadsTest {

    static Stream<String> policyFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(Fixtures.ROOT.resolve("policies"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "policies/{0}")
    @MethodSource("policyFolders")
    void loads_with_its_folder_name_as_id_and_rules_that_all_carry_an_id(String folder) {
        Policy policy = new PolicyLoader(Fixtures.ROOT.resolve("rules"))
                .load(Fixtures.ROOT.resolve("policies").resolve(folder));

        assertThat(policy.id()).isEqualTo(folder);
        assertThat(policy.ruleNames()).isNotEmpty().allMatch(n -> n.matches("[A-Z][A-Z0-9]*(-[A-Z0-9]+)* \\S.*"),
                "rule names are 'ID sentence'");
        assertThat(policy.hash()).matches("[0-9a-f]{64}");
        assertThat(policy.files()).extracting(PolicyFile::path).first().asString().endsWith("policy.yaml");
    }

    @ParameterizedTest(name = "policies/{0}")
    @MethodSource("policyFolders")
    void has_a_readme_for_risk_officers(String folder) {
        assertThat(Fixtures.ROOT.resolve("policies").resolve(folder).resolve("README.md")).isRegularFile();
    }
}
