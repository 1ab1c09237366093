/**
 * Plain-Java reference implementations of two policies ({@code bitmex}, a queue policy, and {@code capped-pro-rata},
 * a pro-rata one), written from the policies' READMEs and the public sources they cite rather than from their DRL.
 *
 * <p>They serve twice: as a differential oracle (the engine run with the rules and with an oracle must produce the
 * same run, event for event) and as the speed baseline the rule engine is measured against ({@code bench}).
 *
 * <p>An oracle decides exactly as {@link org.deleveraging.engine.Decisions} asks and never moves money. It may read
 * the fact contract ({@code org.deleveraging.facts}) but nothing of {@code org.deleveraging.policy} or of the rules.
 */
package org.deleveraging.oracle;
