package org.deleveraging.report;

import java.util.List;
import java.util.Optional;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.run.OutcomeSpread;

/**
 * An account the compared runs treated very differently: the spread, and its outcome in each run (empty = untouched).
 */
public record DifferingAccount(OutcomeSpread spread, List<Optional<AccountOutcome>> outcomes) {}
