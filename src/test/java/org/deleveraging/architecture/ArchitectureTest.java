package org.deleveraging.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The shape of the house: packages by feature, arrows pointing down only. From the top: {@code app} wires everything;
 * {@code shell} adapts commands; {@code store} implements the features' repositories; {@code report} and
 * {@code cases} read runs; {@code sweep} runs grids of points and reverse stress tests; {@code run} runs a policy
 * over a set under a scenario; {@code accounts},
 * {@code scenario} and {@code policy} are the run's inputs; {@code engine} computes; {@code facts} is its contract
 * with the rules; {@code domain} and {@code input} are the vocabulary and the parsing every layer may use.
 */
class ArchitectureTest {
    /** Main classes only, wherever the build puts its test classes ({@code -DbuildDir} moves them). */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("org.deleveraging", "db.migration");

    @Test
    void no_package_depends_on_another_that_depends_back_on_it() {
        assertThat(MAIN.stream().map(c -> c.getPackageName()).distinct()).as("the main classes were found")
                .contains("org.deleveraging.engine", "org.deleveraging.app", "org.deleveraging.store");
        assertThat(MAIN.stream().filter(c -> c.getSimpleName().endsWith("Test"))).as("and only they").isEmpty();
        slices().matching("org.deleveraging.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void dependencies_point_down_the_layers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("app").definedBy("org.deleveraging.app..")
                .layer("shell").definedBy("org.deleveraging.shell..")
                .layer("store").definedBy("org.deleveraging.store..", "db.migration..")
                .layer("report").definedBy("org.deleveraging.report..")
                .layer("cases").definedBy("org.deleveraging.cases..")
                .layer("sweep").definedBy("org.deleveraging.sweep..")
                .layer("run").definedBy("org.deleveraging.run..")
                .layer("accounts").definedBy("org.deleveraging.accounts..")
                .layer("scenario").definedBy("org.deleveraging.scenario..")
                .layer("policy").definedBy("org.deleveraging.policy..")
                .layer("engine").definedBy("org.deleveraging.engine..")
                .layer("facts").definedBy("org.deleveraging.facts..")
                .layer("domain").definedBy("org.deleveraging.domain..")
                .layer("input").definedBy("org.deleveraging.input..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("shell").mayOnlyBeAccessedByLayers("app")
                // the shell's data commands back up and locate the data folder itself
                .whereLayer("store").mayOnlyBeAccessedByLayers("app", "shell")
                .whereLayer("report").mayOnlyBeAccessedByLayers("app", "shell")
                .whereLayer("cases").mayOnlyBeAccessedByLayers("app", "shell")
                .whereLayer("sweep").mayOnlyBeAccessedByLayers("app", "shell", "store", "report")
                .whereLayer("run").mayOnlyBeAccessedByLayers("app", "shell", "store", "report", "sweep")
                .whereLayer("accounts").mayOnlyBeAccessedByLayers("app", "shell", "store", "report", "cases", "sweep",
                        "run")
                .whereLayer("scenario").mayOnlyBeAccessedByLayers("app", "shell", "store", "report", "cases", "sweep",
                        "run")
                .whereLayer("policy").mayOnlyBeAccessedByLayers("app", "shell", "store", "report", "cases", "sweep",
                        "run")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("app", "shell", "store", "report", "cases", "sweep",
                        "run", "accounts", "policy")
                .whereLayer("facts").mayOnlyBeAccessedByLayers("app", "shell", "cases", "run", "policy", "engine")
                .check(MAIN);
    }

    @Test
    void the_engine_knows_only_its_facts_and_the_domain() {
        noClasses().that().resideInAPackage("org.deleveraging.engine..").should().dependOnClassesThat()
                .resideInAnyPackage("org.deleveraging.app..", "org.deleveraging.shell..", "org.deleveraging.store..",
                        "org.deleveraging.report..", "org.deleveraging.cases..", "org.deleveraging.run..",
                        "org.deleveraging.accounts..", "org.deleveraging.scenario..", "org.deleveraging.policy..",
                        "org.deleveraging.input..", "org.springframework..", "org.drools..", "org.kie..")
                .check(MAIN);
    }
}
