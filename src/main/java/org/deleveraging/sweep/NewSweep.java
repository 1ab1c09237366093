package org.deleveraging.sweep;

import java.util.Map;

/**
 * What a sweep is stored with before its first point runs: its definition, and what resuming it must find again.
 *
 * @param variants each policy variant ({@link SweepPoint#variant()}) by the hash its files are kept under
 * @param setHashes each account set's hash at the start
 * @param scenarioYaml each scenario's text at the start, by name
 */
public record NewSweep(String name, String source, String definition, int points, String engineVersion,
                       Map<String, String> variants, Map<String, String> setHashes,
                       Map<String, String> scenarioYaml) {}
