package org.deleveraging.properties;

import java.util.List;

import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The deleveraging invariants for every policy in {@code policies/} and for the engine's own configurations: a
 * policy added to the folder is covered on the next build.
 */
class EveryPolicyProperties implements DeleveragingInvariants {

    /** A policy that does not compile fails here once, not in every try of every property. */
    @BeforeContainer
    static void compileEveryPolicy() {
        // every run below also checks that the margin check's shortcut never hides a pool from the rules
        System.setProperty("deleveraging.engine.checkMarginSkips", "true");
        PolicyUnderTest.all();
    }

    @Override
    public List<PolicyUnderTest> policies() { return PolicyUnderTest.all(); }
}
