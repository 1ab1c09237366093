/**
 * Policies on disk: reading {@code policy.yaml}, compiling the policy's DRL with its modules from {@code rules/},
 * and the Drools implementation of {@link org.deleveraging.engine.Decisions}. A policy that fails to read, validate
 * or compile is reported as {@code file:line: message} and never replaces the one in use.
 */
package org.deleveraging.policy;
