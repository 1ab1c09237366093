package db.migration;

import org.deleveraging.store.PackedRunMigration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Events and ADL queue places packed into one binary value per chunk instead of one H2 array per column: storing a
 * 1M-position run spent most of its time in H2 converting and writing array elements (src/docs/performance.md).
 * Existing runs are converted chunk for chunk; {@code run_event} and {@code run_queue} remain as read-only views for
 * ad-hoc SQL, decoded by a Java table function. Written in Java because the conversion decodes and re-encodes.
 */
public class V3__packed_run_results extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        PackedRunMigration.migrate(context.getConnection());
    }
}
