/**
 * The vocabulary a risk officer uses: markets and their contracts (linear or inverse), margin tables, accounts and
 * positions, account sets, scenarios and their steps, insurance funds, liquidation prices, and money. Plain values with
 * no dependency on any other package of the workbench; every division of money is rounded once, here, at its
 * documented precision ({@link org.deleveraging.domain.Money}).
 */
package org.deleveraging.domain;
