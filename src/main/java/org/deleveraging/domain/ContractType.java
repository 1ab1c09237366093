package org.deleveraging.domain;

/**
 * How a perpetual settles. A LINEAR (USD-margined) contract's value is size x contract value x price, paid in the
 * quote asset; an INVERSE (coin-margined) contract is worth contract value / price in coin, so its profit is
 * non-linear in price and its amounts need one rounding (see {@link Money}).
 */
public enum ContractType { LINEAR, INVERSE }
