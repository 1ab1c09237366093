/**
 * The fact contract between the engine and a policy's rules.
 *
 * <p>The engine inserts <em>input facts</em> (read-only snapshots: {@link org.deleveraging.facts.PoolRisk},
 * {@link org.deleveraging.facts.Shortfall}, {@link org.deleveraging.facts.FundState},
 * {@link org.deleveraging.facts.BackstopState}, {@link org.deleveraging.facts.AdlCandidate}) and a global
 * {@code params} ({@link org.deleveraging.facts.Parameters}). Rules insert <em>decision facts</em>
 * ({@link org.deleveraging.facts.LiquidationDecision}, {@link org.deleveraging.facts.LayerChoice},
 * {@link org.deleveraging.facts.AdlScore}), each carrying the deciding rule's id and a sentence that explains it.
 * Nothing in this package moves money: the engine executes decisions with its own accounting, after checking that
 * each names a pool or candidate it handed to the rules in that question (a forged decision stops the run). Rules may
 * read the input facts but not construct them; what else they may use is the sandbox's allow-list
 * ({@code org.deleveraging.policy.sandbox}, src/docs/policies.md section 3).
 *
 * <p>Must not depend on Spring, the store or the shell.
 */
package org.deleveraging.facts;
