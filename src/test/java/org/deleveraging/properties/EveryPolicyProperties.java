package org.deleveraging.properties;

import java.util.List;

/**
 * The deleveraging invariants for every policy in {@code policies/} and for the engine's own configurations: a
 * policy added to the folder is covered on the next build.
 */
class EveryPolicyProperties implements DeleveragingInvariants {

    @Override
    public List<PolicyUnderTest> policies() { return PolicyUnderTest.all(); }
}
