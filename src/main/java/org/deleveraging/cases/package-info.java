/**
 * Regression cases and approved baselines: what guards every policy change.
 *
 * <p>A <em>case</em> ({@code policies/<id>/cases/NNN-title.yaml}) gives a small book, a market path and the outcome a
 * risk officer expects, figure by figure; a <em>baseline</em> ({@code
 * policies/<id>/baseline-<accounts>-<scenario>.txt})
 * is an approved run of the policy over a large book that must not change unless someone re-approves it. The
 * {@link org.deleveraging.cases.Verifier} runs both and returns {@link org.deleveraging.cases.Verdict}s whose
 * expected-versus-actual table is the same in the JUnit suite, the shell's {@code verify} and CI.
 *
 * <p>Runs through the same {@link org.deleveraging.engine.Engine} as everything else. Must not depend on the shell or
 * the store: the shell's commands are thin adapters over this package.
 */
package org.deleveraging.cases;
