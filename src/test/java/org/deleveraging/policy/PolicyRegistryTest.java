package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deleveraging.input.InputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over a copy of two shipped policies, which the tests then break on disk. */
class PolicyRegistryTest {
    @TempDir Path folder;
    PolicyRegistry registry;

    @BeforeEach
    void copyPolicies() {
        PolicyFolders.copy(folder, "bitmex", "binance");
        registry = new PolicyRegistry(folder.resolve("policies"), folder.resolve("rules"), "bitmex");
    }

    @Test
    void every_policy_folder_is_compiled_at_start_and_the_preferred_one_is_in_use() {
        assertThat(registry.ids()).containsExactly("binance", "bitmex");
        assertThat(registry.active().id()).isEqualTo("bitmex");
        assertThat(registry.list()).allSatisfy(e -> assertThat(e.error()).isEmpty());
    }

    @Test
    void an_unknown_policy_is_named_with_the_ones_there_are_or_with_the_folder_looked_in() throws IOException {
        assertThatThrownBy(() -> registry.get("okx")).hasMessage("no policy 'okx'; known: binance, bitmex");
        Path empty = Files.createDirectories(folder.resolve("elsewhere/policies"));
        PolicyRegistry none = new PolicyRegistry(empty, folder.resolve("rules"), "bitmex");
        assertThatThrownBy(() -> none.get("bitmex")).isInstanceOf(InputException.class)
                .hasMessageContaining("there is no policy folder under " + empty.toAbsolutePath().normalize())
                .hasMessageContaining("--workbench.policies-dir");
    }

    @Test
    void use_swaps_the_policy_in_use_only_when_it_compiles() throws IOException {
        assertThat(registry.use("binance").id()).isEqualTo("binance");
        breakRules("bitmex");
        assertThatThrownBy(() -> registry.use("bitmex")).isInstanceOf(InputException.class)
                .hasMessageContaining(".drl:");
        assertThat(registry.active().id()).isEqualTo("binance");
    }

    @Test
    void a_reload_that_fails_keeps_the_last_good_version_and_says_where() throws IOException {
        String before = registry.get("bitmex").hash();
        breakRules("bitmex");
        var report = registry.reload();
        assertThat(report).filteredOn(r -> r.id().equals("bitmex")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).startsWith("FAILED (the last compiled version stays in use)")
                        .contains(".drl:"));
        assertThat(registry.active().hash()).isEqualTo(before);
        assertThat(registry.list()).filteredOn(e -> e.id().equals("bitmex")).singleElement()
                .satisfies(e -> assertThat(e.error()).isPresent());
    }

    @Test
    void a_policy_whose_files_changed_on_disk_is_named_until_it_is_reloaded() throws IOException {
        assertThat(registry.staleness("bitmex")).isEmpty();
        breakRules("bitmex");
        assertThat(registry.staleness("bitmex")).hasValueSatisfying(w -> assertThat(w)
                .startsWith("policy bitmex: ").contains("has changed on disk since the policy was loaded")
                .contains("'policy reload'"));
        assertThat(registry.staleness(null)).as("the policy in use is bitmex").isPresent();
        assertThat(registry.staleness("binance")).isEmpty();

        Files.writeString(folder.resolve("policies/binance/extra.drl"), "package extra;\n");
        assertThat(registry.staleness("binance")).hasValueSatisfying(w -> assertThat(w).contains("extra.drl"));
        Files.delete(folder.resolve("policies/binance/extra.drl"));
        Path yaml = folder.resolve("policies/binance/policy.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("version: 1", "version: 2"));
        registry.reload();
        assertThat(registry.staleness("binance")).isEmpty();
    }

    @Test
    void a_reload_picks_up_an_edit_and_a_new_folder() throws IOException {
        Path yaml = folder.resolve("policies/binance/policy.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("version: 1", "version: 2"));
        PolicyFolders.copyTree(folder.resolve("policies/bitmex"), folder.resolve("policies/bitmex-draft"));
        Path draft = folder.resolve("policies/bitmex-draft/policy.yaml");
        Files.writeString(draft, Files.readString(draft).replace("id: bitmex", "id: bitmex-draft"));
        assertThat(registry.reload()).extracting(PolicyRegistry.Reloaded::id, PolicyRegistry.Reloaded::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple("binance", "changed"),
                        org.assertj.core.groups.Tuple.tuple("bitmex", "unchanged"),
                        org.assertj.core.groups.Tuple.tuple("bitmex-draft", "loaded"));
        assertThat(registry.get("binance").version()).isEqualTo(2);
    }

    @Test
    void an_unknown_policy_is_a_one_line_error_naming_the_known_ones() {
        assertThatThrownBy(() -> registry.get("bitmax")).hasMessage("no policy 'bitmax'; known: binance, bitmex");
        assertThatThrownBy(() -> registry.use("bitmax")).hasMessage("no policy 'bitmax'; known: binance, bitmex");
    }

    @Test
    void diff_shows_settings_that_differ_and_files_line_by_line() {
        PolicyDiff d = PolicyDiff.between(registry.get("bitmex"), registry.get("binance"));
        assertThat(d.same()).isFalse();
        assertThat(d.files()).extracting(PolicyDiff.FileChange::file).contains("policy.yaml");
        assertThat(d.files()).filteredOn(f -> f.file().equals("policy.yaml")).singleElement()
                .satisfies(f -> assertThat(f.lines()).anyMatch(l -> l.startsWith("-") && l.contains("id: bitmex"))
                        .anyMatch(l -> l.startsWith("+") && l.contains("id: binance")));
        assertThat(PolicyDiff.between(registry.get("bitmex"), registry.get("bitmex")).same()).isTrue();
    }

    @Test
    void the_line_diff_marks_removed_and_added_lines_with_their_numbers() {
        assertThat(PolicyDiff.lineDiff("a\nb\nc", "a\nx\nc")).containsExactly("-2: b", "+2: x");
    }

    /** Adds a rule that does not parse to a .drl file of the policy's own folder. */
    private void breakRules(String id) throws IOException {
        Path drl = folder.resolve("policies").resolve(id).resolve("broken.drl");
        Files.writeString(drl, "package org.deleveraging.rules;\nrule \"broken\" when then oops( end\n");
    }
}
