package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.deleveraging.input.InputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry as the shell starts it, loading on a background thread: whatever is asked, whenever, gets the same
 * answer as from a registry that loaded everything up front.
 */
class PolicyRegistryInBackgroundTest {
    @TempDir Path folder;
    final Map<String, String> noticed = new ConcurrentHashMap<>();

    @BeforeEach
    void copyPolicies() throws IOException {
        PolicyFolders.copy(folder, "bitmex", "binance", "okx");
        Path drl = folder.resolve("policies/okx/broken.drl");
        Files.writeString(drl, "package org.deleveraging.rules;\nrule \"broken\" when then oops( end\n");
    }

    private PolicyRegistry inBackground(String preferred) {
        PolicyLoader loader = new PolicyLoader(folder.resolve("rules"),
                PolicyCache.keyedBeside(folder.resolve("cache")));
        return PolicyRegistry.loadingInBackground(folder.resolve("policies"), loader, preferred, noticed::put);
    }

    private PolicyRegistry onDemand(String preferred) {
        PolicyLoader loader = new PolicyLoader(folder.resolve("rules"),
                PolicyCache.keyedBeside(folder.resolve("cache")));
        return PolicyRegistry.loadingOnDemand(folder.resolve("policies"), loader, preferred, noticed::put);
    }

    /** The policies the cache holds an entry of: those compiled so far (each compiles once, on a first load). */
    private List<String> cached() throws IOException {
        if (!Files.isDirectory(folder.resolve("cache"))) return List.of();
        try (var files = Files.list(folder.resolve("cache"))) {
            return files.map(f -> f.getFileName().toString()).map(n -> n.substring(0, n.indexOf('.'))).sorted()
                    .toList();
        }
    }

    private PolicyRegistry upFront(String preferred) {
        return new PolicyRegistry(folder.resolve("policies"), folder.resolve("rules"), preferred);
    }

    @Test
    void the_list_is_the_same_as_when_everything_is_loaded_up_front() {
        List<PolicyRegistry.Entry> expected = upFront("bitmex").list();

        List<PolicyRegistry.Entry> actual = inBackground("bitmex").list();

        assertThat(actual)
                .extracting(PolicyRegistry.Entry::id, e -> e.policy().map(p -> p.hash()), e -> e.error().isPresent(),
                PolicyRegistry.Entry::active)
                .isEqualTo(expected.stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.id(),
                e.policy().map(p -> p.hash()), e.error().isPresent(), e.active())).toList());
        assertThat(actual).filteredOn(e -> e.id().equals("okx")).singleElement()
                .satisfies(e -> assertThat(e.error()).get().asString().contains("broken.drl:"));
    }

    @Test
    void a_policy_asked_for_at_once_is_there_and_the_one_in_use_is_the_preferred_one() {
        PolicyRegistry registry = inBackground("binance");

        assertThat(registry.get("bitmex").id()).isEqualTo("bitmex");
        assertThat(registry.active().id()).isEqualTo("binance");
        assertThatThrownBy(() -> registry.get("okx")).isInstanceOf(InputException.class)
                .hasMessageContaining("does not load");
        assertThatThrownBy(() -> registry.get("bitmax")).hasMessage("no policy 'bitmax'; known: binance, bitmex, okx");
    }

    @Test
    void when_the_preferred_policy_does_not_compile_the_first_that_does_is_in_use_and_the_failure_is_noticed() {
        PolicyRegistry registry = inBackground("okx");

        assertThat(registry.active().id()).isEqualTo("binance");
        assertThat(registry.ids()).containsExactly("binance", "bitmex", "okx");
        assertThat(noticed.keySet()).isSubsetOf("okx"); // the loading thread reports only what it loaded itself
    }

    @Test
    void a_use_before_the_loading_thread_gets_there_is_not_undone_by_it() {
        PolicyRegistry registry = inBackground("bitmex");

        registry.use("binance");

        assertThat(registry.list()).filteredOn(PolicyRegistry.Entry::active).extracting(PolicyRegistry.Entry::id)
                .containsExactly("binance");
        assertThat(registry.active().id()).isEqualTo("binance");
    }

    @Test
    void a_failed_use_before_the_loading_thread_gets_there_still_lists_the_failure() {
        PolicyRegistry registry = inBackground("bitmex");

        assertThatThrownBy(() -> registry.use("okx")).isInstanceOf(InputException.class)
                .hasMessageContaining("broken.drl:");

        assertThat(registry.active().id()).isEqualTo("bitmex");
        assertThat(registry.list()).filteredOn(e -> e.id().equals("okx")).singleElement()
                .satisfies(e -> assertThat(e.error()).isPresent());
    }

    @Test
    void a_reload_straight_after_the_start_loads_everything_once_and_keeps_the_preferred_one() {
        PolicyRegistry registry = inBackground("bitmex");

        assertThat(registry.reload()).extracting(PolicyRegistry.Reloaded::id)
                .containsExactly("binance", "bitmex", "okx");
        assertThat(registry.active().id()).isEqualTo("bitmex");
    }

    @Test
    void one_command_loads_only_the_policy_it_asks_for_and_a_listing_loads_them_all_with_the_same_answer()
            throws IOException {
        PolicyRegistry registry = onDemand("bitmex");

        assertThat(registry.get("binance").id()).isEqualTo("binance");
        assertThat(cached()).containsExactly("binance");
        assertThat(registry.active().id()).isEqualTo("bitmex");
        assertThat(cached()).containsExactly("binance", "bitmex");

        List<PolicyRegistry.Entry> expected = upFront("bitmex").list();
        assertThat(registry.list()).extracting(PolicyRegistry.Entry::id, e -> e.policy().map(p -> p.hash()),
                e -> e.error().isPresent(), PolicyRegistry.Entry::active)
                .isEqualTo(expected.stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.id(),
                e.policy().map(p -> p.hash()), e.error().isPresent(), e.active())).toList());
    }

    @Test
    void a_preloaded_policy_is_the_one_loaded_and_is_the_same_when_asked_for_while_it_loads() throws IOException {
        PolicyRegistry registry = onDemand("bitmex");

        registry.preload("binance");
        registry.preload("okx");
        registry.preload("nosuch");

        assertThat(registry.get("binance").hash()).isEqualTo(upFront("bitmex").get("binance").hash());
        assertThatThrownBy(() -> registry.get("okx")).hasMessageContaining("does not load");
        assertThat(cached()).containsExactly("binance");
        assertThat(noticed).isEmpty(); // the command that asks for a broken policy reports it, once
    }
}
