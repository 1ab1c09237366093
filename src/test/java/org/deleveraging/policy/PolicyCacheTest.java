package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import javax.management.BadAttributeValueExpException;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunResult;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.input.InputException;
import org.deleveraging.scenario.ScenarioCatalog;
import org.deleveraging.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled-policy cache: an unchanged policy is read back instead of compiled and behaves exactly as compiled;
 * any edit, a broken entry or an unusable folder falls back to the classic build, errors keep their {@code file:line}.
 * An entry is believed only when sealed with this data folder's key, and read only through the filter (issue 21).
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
        Policy stored = loader(cache()).load(dir);
        PolicyCache cache = cache();

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
        PolicyCache first = cache();
        loader(first).load(probe.dir);
        assertThat(first.hits()).isZero();
        assertThat(entries()).hasSize(1);

        PolicyCache second = cache();
        Policy again = loader(second).load(probe.dir);

        assertThat(second.hits()).isEqualTo(1);
        assertThat(again.ruleNames())
                .containsExactly("LIQ-010 Close out a pool whose equity is below maintenance margin",
                "P-010 Close out below a fraction of maintenance");
    }

    @Test
    void an_edit_to_a_shared_module_is_compiled_not_served_from_the_cache() throws IOException {
        Path policies = PolicyFolders.copy(tmp.resolve("copy"), "bitmex");
        Path module = tmp.resolve("copy/rules/ranking/bitmex.drl");
        PolicyLoader loader = new PolicyLoader(tmp.resolve("copy/rules"), cache());
        loader.load(policies.resolve("bitmex"));

        Files.writeString(module, Files.readString(module)
                .replace("RANK-BITMEX-020 A losing position", "RANK-BITMEX-020 An edited losing position"));
        PolicyCache cache = cache();
        Policy edited = new PolicyLoader(tmp.resolve("copy/rules"), cache).load(policies.resolve("bitmex"));

        assertThat(cache.hits()).isZero();
        assertThat(edited.ruleNames()).anyMatch(n -> n.startsWith("RANK-BITMEX-020 An edited losing position"));
        assertThat(entries()).hasSize(2);
    }

    @Test
    void an_edit_to_policy_yaml_alone_reuses_the_compiled_rules_with_the_new_settings() {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        loader(cache()).load(probe.dir);
        probe.edit("policy.yaml", "threshold: 0.5", "threshold: 0.25");

        PolicyCache cache = cache();
        Policy edited = loader(cache).load(probe.dir);

        assertThat(cache.hits()).isEqualTo(1);
        assertThat(edited.parameters().asMap()).containsEntry("threshold", new BigDecimal("0.25"));
    }

    @Test
    void a_broken_edit_is_reported_at_its_line_although_the_last_good_version_is_cached() {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        PolicyLoader loader = loader(cache());
        loader.load(probe.dir);

        probe.edit("probe.drl", "PoolRisk( equityBelowFractionOfMaintenance(params.num(\"threshold\")) )",
                "PoolRisk( equity < )");

        assertThatThrownBy(() -> loader.load(probe.dir)).isInstanceOf(InputException.class)
                .message().startsWith(probe.path("probe.drl") + ":8: ").contains("no viable alternative")
                .doesNotContain("\n");
        assertThat(entries()).hasSize(1);
    }

    @Test
    void a_damaged_entry_is_dropped_and_the_policy_compiled_again() throws IOException {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        loader(cache()).load(probe.dir);
        Path entry = entries().get(0);
        byte[] good = Files.readAllBytes(entry);

        List<byte[]> damages = List.of(new byte[0], java.util.Arrays.copyOf(good, good.length / 2),
                flipped(good, good.length - 100), flipped(good, 40), "not a cache entry".getBytes());
        for (byte[] damaged : damages) {
            Files.write(entry, damaged);
            PolicyCache cache = cache();

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

        assertThat(loader(PolicyCache.keyedBeside(notAFolder)).load(probe.dir).ruleNames()).hasSize(2);
        // the key's folder below a file too: no key, so no cache either
        assertThat(loader(PolicyCache.keyedBeside(notAFolder.resolve("below"))).load(probe.dir).ruleNames()).hasSize(2);
    }

    @Test
    void only_the_latest_few_versions_of_a_policy_are_kept() {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        PolicyLoader loader = loader(cache());
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
                "org.deleveraging.facts.AdlScore", "org.deleveraging.facts.LayerChoice",
                "org.deleveraging.facts.LayerChoice.Layer", "org.deleveraging.facts.Parameters");
    }

    @Test
    void an_entry_sealed_with_another_data_folders_key_is_not_used_and_is_compiled_again() throws IOException {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        loader(new PolicyCache(tmp.resolve("cache"), tmp.resolve("other-data/policy-cache.key"))).load(probe.dir);
        Path entry = entries().get(0);
        byte[] foreign = Files.readAllBytes(entry);

        PolicyCache cache = cache();
        Policy p = loader(cache).load(probe.dir);

        assertThat(cache.hits()).isZero();
        assertThat(p.ruleNames()).hasSize(2);
        assertThat(Files.readAllBytes(entry)).isNotEqualTo(foreign); // sealed afresh, with this folder's key
        PolicyCache again = cache();
        loader(again).load(probe.dir);
        assertThat(again.hits()).isEqualTo(1);
    }

    /** Issue 21: a hostile policy's entry planted under bitmex's file name ran whenever bitmex ran. */
    @Test
    void another_policys_entry_under_this_policys_name_is_refused_also_when_resealed_with_another_key()
            throws IOException {
        Path victim = Fixtures.ROOT.resolve("policies/bitmex");
        Path hostile = Fixtures.ROOT.resolve("policies/capped-pro-rata");
        Policy genuine = loader(cache()).load(victim);
        Policy planted = loader(cache()).load(hostile);
        assertThat(planted.ruleNames()).isNotEqualTo(genuine.ruleNames());
        Path victimEntry = entry("bitmex");
        byte[] genuineBytes = Files.readAllBytes(victimEntry);

        Files.copy(entry("capped-pro-rata"), victimEntry, StandardCopyOption.REPLACE_EXISTING);
        loadsItsOwnRules(victim, genuine, victimEntry, genuineBytes);

        // the hostile packages under bitmex's id and key, sealed with a key of the attacker's own making
        String victimKey = victimEntry.getFileName().toString().split("\\.")[1];
        PolicyCache attackers = new PolicyCache(tmp.resolve("attacker/cache"),
                tmp.resolve("attacker/policy-cache.key"));
        attackers.store("bitmex", victimKey, planted.kieBase().getKiePackages());
        Path forged = tmp.resolve("attacker/cache").resolve(victimEntry.getFileName());
        // well-formed: the attacker's own key would take it for bitmex's entry, so only the seal stands in the way
        assertThat(attackers.load("bitmex", victimKey))
                .hasValueSatisfying(b -> assertThat(ruleNames(b.getKiePackages())).isEqualTo(planted.ruleNames()));

        Files.copy(forged, victimEntry, StandardCopyOption.REPLACE_EXISTING);
        loadsItsOwnRules(victim, genuine, victimEntry, genuineBytes);
    }

    private void loadsItsOwnRules(Path policyDir, Policy genuine, Path entry, byte[] genuineBytes) throws IOException {
        PolicyCache cache = cache();
        Policy loaded = loader(cache).load(policyDir);
        assertThat(cache.hits()).isZero();
        assertThat(loaded.ruleNames()).isEqualTo(genuine.ruleNames());
        assertThat(Files.readAllBytes(entry)).isEqualTo(genuineBytes); // compiled again and stored afresh
    }

    @Test
    void a_payload_edited_and_given_a_checksum_without_the_key_is_refused() throws Exception {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        loader(cache()).load(probe.dir);
        Path entry = entries().get(0);
        byte[] good = Files.readAllBytes(entry);

        byte[] body = replaced(Arrays.copyOf(good, good.length - 32), "P-010 Close out below", "P-010 Close out ABOVE");
        byte[] edited = concat(body, MessageDigest.getInstance("SHA-256").digest(body));
        // still a well-formed payload: without the seal the edit would have been believed
        @SuppressWarnings("unchecked")
        var packages = (java.util.Collection<org.kie.api.definition.KiePackage>) PolicyCache.readFiltered(payload(body),
                getClass().getClassLoader());
        assertThat(ruleNames(packages)).contains("P-010 Close out ABOVE a fraction of maintenance");
        Files.write(entry, edited);

        PolicyCache cache = cache();
        Policy p = loader(cache).load(probe.dir);

        assertThat(cache.hits()).isZero();
        assertThat(p.ruleNames()).contains("P-010 Close out below a fraction of maintenance");
        assertThat(Files.readAllBytes(entry)).isEqualTo(good);
    }

    @Test
    void the_key_is_made_once_in_the_data_folder_owner_only_and_reused() throws IOException {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        Path key = tmp.resolve("cache.key");
        assertThat(key).doesNotExist();
        loader(cache()).load(probe.dir);
        String made = Files.readString(key);
        assertThat(made).matches("[0-9a-f]{64}");
        if (Files.getFileStore(key).supportsFileAttributeView("posix"))
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        PolicyCache second = cache();
        loader(second).load(probe.dir);

        assertThat(second.hits()).isEqualTo(1);
        assertThat(Files.readString(key)).isEqualTo(made);
        try (Stream<Path> files = Files.list(tmp.resolve("cache"))) {
            assertThat(files.map(f -> f.getFileName().toString())).allMatch(n -> n.endsWith(".kbase"));
        }
    }

    @Test
    void caches_making_the_key_at_once_agree_on_one() throws Exception {
        Path key = tmp.resolve("data/policy-cache.key");
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<byte[]>> made = new ArrayList<>();
            for (int i = 0; i < n; i++) made.add(pool.submit(() -> {
                start.await();
                return PolicyCache.readOrMakeSecret(key);
            }));
            List<byte[]> used = new ArrayList<>();
            for (Future<byte[]> f : made) used.add(f.get());
            byte[] inFile = HexFormat.of().parseHex(Files.readString(key));
            assertThat(used).allSatisfy(k -> assertThat(k).isEqualTo(inFile));
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(tmp.resolve("data"))) {
            // no temporary left
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("policy-cache.key");
        }
    }

    @Test
    void a_damaged_key_is_replaced_which_costs_only_a_compile() throws IOException {
        ProbePolicy probe = new ProbePolicy(tmp.resolve("p"));
        loader(cache()).load(probe.dir);
        Files.writeString(tmp.resolve("cache.key"), "not a key");

        PolicyCache cache = cache();
        assertThat(loader(cache).load(probe.dir).ruleNames()).hasSize(2);

        assertThat(cache.hits()).isZero();
        assertThat(Files.readString(tmp.resolve("cache.key"))).matches("[0-9a-f]{64}");
        PolicyCache again = cache();
        loader(again).load(probe.dir);
        assertThat(again.hits()).isEqualTo(1);
    }

    @Test
    void the_filter_refuses_what_a_compiled_package_does_not_hold() {
        List<Serializable> refused = List.of(new File("/etc/passwd"), new ArrayList<>(List.of(new File("x"))),
                new HashMap<>(Map.of("k", java.net.URI.create("http://example.org/"))),
                new BadAttributeValueExpException("x"),
                new org.springframework.util.LinkedMultiValueMap<String, String>(), Side.LONG, new StringBuilder("x"));
        for (Serializable o : refused)
            assertThatThrownBy(() -> PolicyCache.readFiltered(serialized(o), getClass().getClassLoader()))
                    .as(o.getClass().getName()).isInstanceOf(InvalidClassException.class)
                    .hasMessageContaining("REJECTED");
    }

    @Test
    void the_filter_admits_collections_numbers_and_facts_and_limits_depth() throws Exception {
        ArrayList<Object> plain = new ArrayList<>(List.of(new BigDecimal("1.5"), 2L, "s", new HashMap<>(Map.of("k", 1)),
                LayerChoice.Layer.values()[0], new byte[] {1, 2}));
        assertThat(PolicyCache.readFiltered(serialized(plain), getClass().getClassLoader())).usingRecursiveComparison()
                .isEqualTo(plain);

        ArrayList<Object> deep = new ArrayList<>();
        for (int i = 0; i < 300; i++) deep = new ArrayList<>(List.of(deep));
        byte[] tooDeep = serialized(deep);
        assertThatThrownBy(() -> PolicyCache.readFiltered(tooDeep, getClass().getClassLoader()))
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
    }

    private PolicyCache cache() { return PolicyCache.keyedBeside(tmp.resolve("cache")); }

    private PolicyLoader loader(PolicyCache cache) { return new PolicyLoader(Fixtures.ROOT.resolve("rules"), cache); }

    private Path entry(String policyId) {
        List<Path> found = entries().stream().filter(f -> f.getFileName().toString().startsWith(policyId + "."))
                .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<String> ruleNames(java.util.Collection<org.kie.api.definition.KiePackage> packages) {
        return packages.stream().flatMap(p -> p.getRules().stream()).map(r -> r.getName()).sorted().toList();
    }

    /** The serialized packages of an entry's sealed part: what follows its header. */
    private static byte[] payload(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        in.readUTF();
        in.readInt();
        in.readUTF();
        in.readUTF();
        in.readInt();
        return in.readAllBytes();
    }

    private static byte[] serialized(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** Every occurrence of {@code from} replaced by {@code to}, of the same length. */
    private static byte[] replaced(byte[] bytes, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8), t = to.getBytes(StandardCharsets.UTF_8);
        byte[] copy = bytes.clone();
        int found = 0;
        for (int i = 0; i + f.length <= copy.length; i++) {
            if (Arrays.equals(copy, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, copy, i, t.length);
                found++;
            }
        }
        assertThat(found).isPositive();
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

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
