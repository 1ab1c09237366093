package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.deleveraging.engine.PolicySettings;
import org.deleveraging.input.InputException;
import org.deleveraging.input.YamlNode;
import org.deleveraging.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A policy folder is untrusted input, like a CSV from a stranger: it reads no file outside {@code rules/} and its own
 * folder, and it cannot give its rules an unbounded budget. Each refusal comes with a near miss that is accepted.
 */
class PolicyFolderIsUntrustedInputTest {
    /** The probe's one module, on line 4 of its policy.yaml; a second module written after it is on line 5. */
    private static final String MODULE = "  - liquidation/close-below-maintenance.drl\n";

    @TempDir Path tmp;

    private static ProbePolicy withSecondModule(Path tmp, String module) {
        return new ProbePolicy(tmp).edit("policy.yaml", MODULE, MODULE + "  - " + module + "\n");
    }

    // ---- modules: relative .drl files inside rules/ ----

    @Test
    void a_module_inside_rules_is_included() {
        Policy policy = withSecondModule(tmp, "ranking/by-size.drl").load();

        assertThat(policy.files()).extracting(PolicyFile::path).contains("rules/ranking/by-size.drl");
    }

    @Test
    void a_module_path_that_goes_up_and_comes_back_inside_rules_is_included() {
        Policy policy = withSecondModule(tmp, "liquidation/../ranking/by-size.drl").load();

        assertThat(policy.files()).extracting(PolicyFile::path).contains("rules/ranking/by-size.drl");
    }

    static Stream<Arguments> modulesOutsideRules() {
        return Stream.of(
                Arguments.of("an absolute path", "/etc/passwd", "'/etc/passwd' must be a path relative to rules/"),
                Arguments.of("a path up and out of rules/", "../../../../etc/hostname",
                        "'../../../../etc/hostname' leads outside rules/"),
                Arguments.of("a path into rules/ that climbs out again", "ranking/../../pom.xml",
                        "'ranking/../../pom.xml' leads outside rules/"),
                Arguments.of("a .drl path that climbs out into a policy folder", "../policies/bitmex/x.drl",
                        "'../policies/bitmex/x.drl' leads outside rules/"),
                Arguments.of("a module that is not a .drl file", "ranking/bitmex.txt",
                        "'ranking/bitmex.txt' must end in .drl"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modulesOutsideRules")
    void a_module_outside_rules_or_not_a_drl_file_is_refused_at_its_line(String what, String module, String problem) {
        ProbePolicy probe = withSecondModule(tmp, module);

        assertThatThrownBy(probe::load).isInstanceOf(InputException.class)
                .hasMessage(probe.path("policy.yaml") + ":5: modules: " + problem);
    }

    @Test
    void a_module_that_is_a_link_out_of_rules_is_refused() throws IOException {
        Path rules = copyOfRules();
        Path outside = Files.writeString(tmp.resolve("outside.drl"), "package stolen;\n");
        Files.createSymbolicLink(rules.resolve("ranking/stolen.drl"), outside);
        ProbePolicy probe = withSecondModule(tmp, "ranking/stolen.drl");

        assertThatThrownBy(() -> new PolicyLoader(rules).load(probe.dir)).isInstanceOf(InputException.class)
                .hasMessage(probe.path("policy.yaml") + ":5: modules: 'ranking/stolen.drl' is a link to a file outside "
                        + PolicyLoader.display(rules) + "/");
    }

    @Test
    void a_module_in_a_linked_folder_that_leads_out_of_rules_is_refused() throws IOException {
        Path rules = copyOfRules();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("x.drl"), "package stolen;\n");
        Files.createSymbolicLink(rules.resolve("linked"), elsewhere);
        ProbePolicy probe = withSecondModule(tmp, "linked/x.drl");

        assertThatThrownBy(() -> new PolicyLoader(rules).load(probe.dir)).isInstanceOf(InputException.class)
                .hasMessageEndingWith(":5: modules: 'linked/x.drl' is a link to a file outside "
                        + PolicyLoader.display(rules) + "/");
    }

    @Test
    void a_module_that_is_a_link_within_rules_is_included() throws IOException {
        Path rules = copyOfRules();
        Files.createSymbolicLink(rules.resolve("ranking/alias.drl"), rules.resolve("ranking/by-size.drl"));
        ProbePolicy probe = withSecondModule(tmp, "ranking/alias.drl");

        Policy policy = new PolicyLoader(rules).load(probe.dir);

        assertThat(policy.files()).extracting(PolicyFile::path)
                .contains(PolicyLoader.display(rules.resolve("ranking/alias.drl")));
    }

    // ---- the policy's own *.drl files ----

    @Test
    void a_rule_file_in_the_policy_folder_that_links_outside_it_is_refused() throws IOException {
        ProbePolicy probe = new ProbePolicy(tmp);
        Path outside = Files.writeString(tmp.resolve("outside.drl"), "package stolen;\n");
        Files.createSymbolicLink(probe.dir.resolve("stolen.drl"), outside);

        assertThatThrownBy(probe::load).isInstanceOf(InputException.class)
                .hasMessage(probe.path("stolen.drl") + ": 'stolen.drl' is a link to a file outside "
                        + PolicyLoader.display(probe.dir) + "/");
    }

    @Test
    void a_rule_file_in_the_policy_folder_that_links_within_it_is_included() throws IOException {
        Files.createDirectories(tmp.resolve("probe/shared"));
        ProbePolicy probe = new ProbePolicy(tmp).write("shared/extra.drl",
                ProbePolicy.DRL.replace("P-010 Close out below", "P-020 Also close out below"));
        Files.createSymbolicLink(probe.dir.resolve("extra.drl"), probe.dir.resolve("shared/extra.drl"));

        assertThat(probe.load().ruleNames()).contains("P-020 Also close out below a fraction of maintenance");
    }

    // ---- engine: bounded budgets ----

    private static PolicyDefinitionReader.Definition read(String engine) {
        return PolicyDefinitionReader.read(YamlNode.parse(ProbePolicy.YAML + "engine:\n" + engine, "policy.yaml"));
    }

    @Test
    void without_an_engine_section_the_budgets_are_the_defaults() {
        PolicySettings s = PolicyDefinitionReader.read(YamlNode.parse(ProbePolicy.YAML, "policy.yaml")).settings();

        assertThat(s.budget().firingLimitPerFact()).isEqualTo(20);
        assertThat(s.budget().insertLimitPerFact()).isEqualTo(10);
        assertThat(s.budget().timeLimitSeconds()).isEqualTo(60);
    }

    @Test
    void an_engine_section_sets_each_budget() {
        PolicySettings s = read("  firingLimitPerFact: 1000\n  insertLimitPerFact: 1000\n  timeLimitSeconds: 600\n")
                .settings();

        assertThat(s.budget().firingLimitPerFact()).isEqualTo(1000);
        assertThat(s.budget().insertLimitPerFact()).isEqualTo(1000);
        assertThat(s.budget().timeLimitSeconds()).isEqualTo(600);
    }

    @Test
    void a_loaded_policy_exposes_the_budgets() {
        Policy policy = new ProbePolicy(tmp)
                .edit("policy.yaml", "parameters:", "engine:\n  insertLimitPerFact: 3\nparameters:").load();

        assertThat(policy.settings().budget().insertLimitPerFact()).isEqualTo(3);
        assertThat(policy.settings().budget().timeLimitSeconds()).isEqualTo(60);
    }

    @ParameterizedTest(name = "{0}: {1} is accepted")
    @CsvSource({
            "firingLimitPerFact, 1", "firingLimitPerFact, 1000",
            "insertLimitPerFact, 1", "insertLimitPerFact, 1000",
            "timeLimitSeconds, 1", "timeLimitSeconds, 600"})
    void a_budget_at_either_end_of_its_range_is_accepted(String key, int value) {
        assertThat(read("  " + key + ": " + value + "\n").settings()).isNotNull();
    }

    @ParameterizedTest(name = "{0}: {1} is refused")
    @CsvSource({
            "firingLimitPerFact, 0, 1, 1000", "firingLimitPerFact, 1001, 1, 1000",
            "firingLimitPerFact, 2000000000, 1, 1000", "firingLimitPerFact, 2e9, 1, 1000",
            "firingLimitPerFact, 99999999999999999999, 1, 1000", "firingLimitPerFact, -5, 1, 1000",
            "insertLimitPerFact, 0, 1, 1000", "insertLimitPerFact, 1001, 1, 1000",
            "timeLimitSeconds, 0, 1, 600", "timeLimitSeconds, 601, 1, 600"})
    void a_budget_outside_its_range_is_refused_at_its_line(String key, String value, int min, int max) {
        // the probe's policy.yaml has 20 lines; engine: is line 21, its first key line 22
        assertThatThrownBy(() -> read("  " + key + ": " + value + "\n")).isInstanceOf(InputException.class)
                .hasMessage("policy.yaml:22: engine." + key + ": must be between " + min + " and " + max);
    }

    @Test
    void a_budget_that_is_not_a_whole_number_is_refused() {
        assertThatThrownBy(() -> read("  timeLimitSeconds: 1.5\n")).isInstanceOf(InputException.class)
                .hasMessage("policy.yaml:22: engine.timeLimitSeconds: expected a whole number, got '1.5'");
    }

    @Test
    void an_unknown_engine_key_lists_the_accepted_ones() {
        assertThatThrownBy(() -> read("  fireLimit: 5\n")).isInstanceOf(InputException.class)
                .hasMessage("policy.yaml:22: engine.fireLimit: unknown key; expected one of firingLimitPerFact,"
                        + " insertLimitPerFact, timeLimitSeconds");
    }

    /** A copy of the shipped {@code rules/} in the temporary folder, to plant links in. */
    private Path copyOfRules() throws IOException {
        Path from = Fixtures.ROOT.resolve("rules");
        Path to = tmp.resolve("rules");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
        return to;
    }
}
