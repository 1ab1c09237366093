package org.deleveraging.report;

import java.math.BigDecimal;

/**
 * One group of accounts in a haircut distribution.
 *
 * @param accounts how many accounts of the set fall in the group
 * @param haircutAccounts how many of them a run haircut
 * @param haircut the sum of their positive haircuts in that run
 */
public record Bucket(String label, int accounts, int haircutAccounts, BigDecimal haircut) {}
