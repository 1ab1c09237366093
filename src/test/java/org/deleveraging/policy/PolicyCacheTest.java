package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.RunResult;
import org.deleveraging.generate.DemoData;
import org.deleveraging.input.InputException;
import org.deleveraging.scenario.ScenarioCatalog;
import org.deleveraging.support.Fixtures;
import org.deleveraging.workbench.PolicyFolders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled-policy cache: an unchanged policy is read back instead of compiled and behaves exactly as compiled;
 * any edit, a broken entry or an unusable folder falls back to the classic build, errors keep their {@code file:line}.
 */
class PolicyCacheTest {
    @TempDir Path tmp;

    private static AccountSet demo;
    private static Scenario oct10;

    @BeforeAll
    static void book() {
        demo = DemoData.accountSet();
        oct10 = ScenarioCatalog.load("oct-10");
    }

    static Stream<String> policyFolders() throws IOException { return EveryPolicyLoadsTest.policyFolders(); }

    @ParameterizedTest(name = "policies/{0}")
    @MethodSource("policyFolders")
    void a_policy_read_back_from_the_cache_runs_exactly_as_the_compiled_one(String id) {
        Path dir = Fixtures.ROOT.resolve("policies").resolve(id);
        Policy compiled = new PolicyLoader(Fixtures.ROOT.resolve("rules")).load(dir);
        Policy stored = new PolicyLoader(Fixtures.ROOT.resolve("rules"), new PolicyCache(tmp)).load(dir);
        PolicyCache cache = new PolicyCache(tmp);

        Policy cached = new PolicyLoader(Fixtures.ROOT.resolve("rules"), cache).load(dir);

        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cached.hash()).isEqualTo(compiled.hash());
        assertThat(cached.ruleNames()).isEqualTo(compiled.ruleNames());
        RunResult expected = Fixtures.run(compiled, demo, oct10);
        assertThat(expected.rulesFired()).isNotEmpty();
        // the copy read back, and the compiled one it was written from, which stays in use after the write
        assertThat(Fixtures.run(cached, demo, oct10)).isEqualTo(expected);
        assertThat(Fixtures.run(stored, demo, oct10)).isEqualTo(expected);
    }

    @Test
    void an_unchanged_policy_is_compiled_once_and_then_read_back() {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        PolicyCache first = new PolicyCache(tmp.resolve("cache"));
        loader(first).load(probe.dir);
        assertThat(first.hits()).isZero();
        assertThat(entries()).hasSize(1);

        PolicyCache second = new PolicyCache(tmp.resolve("cache"));
        Policy again = loader(second).load(probe.dir);

        assertThat(second.hits()).isEqualTo(1);
        assertThat(again.ruleNames()).containsExactly("LIQ-010 Close out a pool whose equity is below maintenance margin",
                "P-010 Close out below a fraction of maintenance");
    }

    @Test
    void an_edit_to_a_shared_module_is_compiled_not_served_from_the_cache() throws IOException {
        Path policies = PolicyFolders.copy(tmp.resolve("copy"), "bitmex");
        Path module = tmp.resolve("copy/rules/ranking/bitmex.drl");
        PolicyLoader loader = new PolicyLoader(tmp.resolve("copy/rules"), new PolicyCache(tmp.resolve("cache")));
        loader.load(policies.resolve("bitmex"));

        Files.writeString(module, Files.readString(module).replace("RANK-BITMEX-020 A losing position", "RANK-BITMEX-020 An edited losing position"));
        PolicyCache cache = new PolicyCache(tmp.resolve("cache"));
        Policy edited = new PolicyLoader(tmp.resolve("copy/rules"), cache).load(policies.resolve("bitmex"));

        assertThat(cache.hits()).isZero();
        assertThat(edited.ruleNames()).anyMatch(n -> n.startsWith("RANK-BITMEX-020 An edited losing position"));
        assertThat(entries()).hasSize(2);
    }

    @Test
    void an_edit_to_policy_yaml_alone_reuses_the_compiled_rules_with_the_new_settings() {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        loader(new PolicyCache(tmp.resolve("cache"))).load(probe.dir);
        probe.edit("policy.yaml", "threshold: 0.5", "threshold: 0.25");

        PolicyCache cache = new PolicyCache(tmp.resolve("cache"));
        Policy edited = loader(cache).load(probe.dir);

        assertThat(cache.hits()).isEqualTo(1);
        assertThat(edited.parameters().asMap()).containsEntry("threshold", new BigDecimal("0.25"));
    }

    @Test
    void a_broken_edit_is_reported_at_its_line_although_the_last_good_version_is_cached() {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        PolicyLoader loader = loader(new PolicyCache(tmp.resolve("cache")));
        loader.load(probe.dir);

        probe.edit("probe.drl", "PoolRisk( equityBelowFractionOfMaintenance(params.num(\"threshold\")) )", "PoolRisk( equity < )");

        assertThatThrownBy(() -> loader.load(probe.dir)).isInstanceOf(InputException.class)
                .message().startsWith(probe.path("probe.drl") + ":8: ").contains("no viable alternative").doesNotContain("\n");
        assertThat(entries()).hasSize(1);
    }

    @Test
    void a_damaged_entry_is_dropped_and_the_policy_compiled_again() throws IOException {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        loader(new PolicyCache(tmp.resolve("cache"))).load(probe.dir);
        Path entry = entries().get(0);
        byte[] good = Files.readAllBytes(entry);

        List<byte[]> damages = List.of(new byte[0], java.util.Arrays.copyOf(good, good.length / 2),
                flipped(good, good.length - 100), flipped(good, 40), "not a cache entry".getBytes());
        for (byte[] damaged : damages) {
            Files.write(entry, damaged);
            PolicyCache cache = new PolicyCache(tmp.resolve("cache"));

            Policy p = loader(cache).load(probe.dir);

            assertThat(cache.hits()).isZero();
            assertThat(p.ruleNames()).hasSize(2);
            assertThat(Files.readAllBytes(entry)).isEqualTo(good); // compiled again and stored afresh
        }
    }

    @Test
    void a_cache_folder_that_cannot_be_written_only_costs_speed() throws IOException {
        Path notAFolder = Files.writeString(tmp.resolve("cache"), "a file where the folder should be");
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));

        assertThat(loader(new PolicyCache(notAFolder)).load(probe.dir).ruleNames()).hasSize(2);
        assertThat(loader(new PolicyCache(notAFolder.resolve("below"))).load(probe.dir).ruleNames()).hasSize(2);
    }

    @Test
    void only_the_latest_few_versions_of_a_policy_are_kept() {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        PolicyLoader loader = loader(new PolicyCache(tmp.resolve("cache")));
        for (int i = 0; i < 6; i++) {
            probe.write("extra.drl", "package probe;\n// version " + i + "\n");
            loader.load(probe.dir);
        }
        assertThat(entries()).hasSize(3);
    }

    @Test
    void the_key_covers_the_application_classes_the_rules_import_or_name() {
        assertThat(PolicyCache.referencedNames("""
                package rules.x;
                import java.math.BigDecimal;
                import org.deleveraging.facts.*;
                import org.deleveraging.facts.LayerChoice.Layer;
                import static org.deleveraging.domain.Side.LONG;
                global org.deleveraging.facts.Parameters params;
                rule "R" when $p : PoolRisk() then insert(new org.deleveraging.facts.AdlScore(null, 0, "R", "")); end
                """)).containsExactly("org.deleveraging.domain.Side", "org.deleveraging.facts.*",
                "org.deleveraging.facts.AdlScore", "org.deleveraging.facts.LayerChoice", "org.deleveraging.facts.LayerChoice.Layer",
                "org.deleveraging.facts.Parameters");
    }

    private PolicyLoader loader(PolicyCache cache) { return new PolicyLoader(Fixtures.ROOT.resolve("rules"), cache); }

    private List<Path> entries() {
        try (Stream<Path> files = Files.list(tmp.resolve("cache"))) {
            return files.filter(f -> f.toString().endsWith(".kbase")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] flipped(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x5a;
        return copy;
    }
}
