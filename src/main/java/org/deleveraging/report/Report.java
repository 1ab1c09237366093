package org.deleveraging.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the committee report shows: the runs side by side, the market whose ADL queue it draws, and the accounts
 * whose outcome differs most between the runs (none with a single run, and none when the runs used different account
 * sets: {@code differingNotice} then says that only the aggregate figures are compared).
 */
public record Report(Instant generatedAt, List<RunReport> runs, List<String> markets, Optional<String> queueMarket,
                     List<DifferingAccount> differing, Optional<String> differingNotice) {}
