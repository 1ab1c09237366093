package db.migration;

import org.deleveraging.store.PackedSetMigration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Account sets' accounts and positions packed into one binary value per chunk, as V3 did for runs: loading a set is
 * part of every run, and an import of a million positions spent half its time in H2 writing DECFLOAT arrays.
 * Existing sets are converted chunk for chunk; {@code set_account} and {@code set_position} remain as views.
 */
public class V4__packed_account_sets extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        PackedSetMigration.migrate(context.getConnection());
    }
}
