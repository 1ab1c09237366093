package org.deleveraging.cases;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every regression case and approved baseline of every policy under {@code policies/}, one dynamic test each, named
 * "policy › case title". A failure shows the officer's expected-versus-actual table, as {@code verify} does.
 */
class CaseSuiteTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> every_case_and_baseline_of_every_policy() {
        Verifier verifier = new Verifier(ROOT.resolve("policies"), ROOT.resolve("rules"));
        return verifier.plan(null).stream()
                .map(item -> DynamicTest.dynamicTest(item.name(), item.file().toUri(), () -> {
            Verdict verdict = verifier.run(item);
            if (!verdict.passed()) fail("\n" + verdict.report());
        }));
    }
}
