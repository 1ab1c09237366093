/**
 * The rules' sandbox: a policy folder is untrusted input. {@link org.deleveraging.policy.sandbox.Sandbox} checks a
 * policy's DRL as written and the classes Drools compiled from it against an allow-list (the fact contract, the
 * decision factories, pure value types), and gives the class loader that refuses everything else at run time. What a
 * policy may and may not do is listed in src/docs/policies.md, section 3.
 */
package org.deleveraging.policy.sandbox;
