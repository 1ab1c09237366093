package org.deleveraging.properties;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
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

    /**
     * The worlds of the seed that found a backstop vault deleveraged below zero (ftx and backstop-pro-rata-blend, no
     * backstop capital): the vault took positions over, marks sank it, and a later ADL fill still reached it. A vault
     * below zero now bears no fill, as a bankrupt pool bears none.
     */
    @Property(tries = TRIES, seed = "580853315989655995")
    @Domain(WorldDomain.class)
    void a_backstop_vault_below_zero_is_not_deleveraged(@ForAll World world) {
        no_deleveraged_or_socialised_account_is_pushed_below_zero(world);
    }
}
