package org.deleveraging.domain;

import java.math.BigDecimal;

/**
 * One bracket of a tiered maintenance-margin table: notional from {@code floor} upwards is charged
 * {@code maintenanceRate}; {@code maintenanceAmount} (Binance's "cum") is deducted so that MM is continuous
 * across brackets.
 */
public record MarginTier(BigDecimal floor, BigDecimal maintenanceRate, BigDecimal maintenanceAmount) {}
