package org.deleveraging.accounts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.input.DuplicateNameException;

/**
 * Where account sets are kept between sessions. A save is all-or-nothing: until its last commit the set is
 * invisible, and a save that was interrupted is discarded at the next start.
 */
public interface AccountSetRepository {
    /**
     * Stores a set under its name; {@code referenceMarks} must give a price for every market of the set.
     *
     * @throws DuplicateNameException when a set of that name exists
     */
    AccountSetInfo saveAccountSet(AccountSet set, Map<String, BigDecimal> referenceMarks, String source,
                                  StoreProgress progress);

    List<AccountSetInfo> accountSets();

    Optional<AccountSetInfo> accountSet(String name);

    Optional<StoredAccountSet> loadAccountSet(String name);

    /** Deletes a set; runs that used it keep their results, provenance and the set's hash. */
    boolean deleteAccountSet(String name);
}
