package org.deleveraging.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deleveraging.domain.ContentHash;
import org.deleveraging.policy.PolicyFile;
import org.deleveraging.sweep.NewSweep;
import org.deleveraging.sweep.PointMetrics;
import org.deleveraging.sweep.PointResult;
import org.deleveraging.sweep.StoredSweep;
import org.deleveraging.sweep.SweepPoint;
import org.deleveraging.sweep.SweepRepository;

/** Sweeps in H2 (V6__sweeps.sql): the definition, then one row per finished point, each acknowledged as it lands. */
final class H2Sweeps implements SweepRepository {
    private static final String POINT_COLUMNS = """
            point_no, policy_id, changes, policy_hash, set_name, set_hash, scenario_name, scenario_hash, severity, \
            fund_scale, seed_given, seed, accounts, positions, open_interest, shortfall, fund_start, fund_min, \
            fund_end, fund_paid, bad_debt, liquidations, accounts_liquidated, liquidation_notional, adl_count, \
            adl_notional, adl_covered, adl_overshoot, socialized, haircut_total, haircut_accounts, \
            max_haircut_equity_share, max_haircut_profit_share, top1_share, concentration, market_impact, \
            result_digest, run_id, engine_millis, finished_at""";

    private final Db db;
    private final Clock clock;

    H2Sweeps(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public long createSweep(NewSweep n) {
        try {
            long id = db.inTransaction(c -> {
                long sweepId;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sweep (name, source, definition, points,"
                        + " engine_version, created_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, n.name());
                    ps.setString(2, Db.clip(n.source(), 1000));
                    ps.setString(3, n.definition());
                    ps.setInt(4, n.points());
                    ps.setString(5, n.engineVersion());
                    ps.setTimestamp(6, Timestamp.from(clock.instant()));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        sweepId = keys.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sweep_variant (sweep_id, variant, policy_hash) VALUES (?, ?, ?)")) {
                    for (var e : n.variants().entrySet()) {
                        ps.setLong(1, sweepId);
                        ps.setString(2, e.getKey());
                        ps.setString(3, e.getValue());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sweep_input (sweep_id, kind, name, content_hash, yaml) VALUES (?, ?, ?, ?, ?)")) {
                    for (var e : n.setHashes().entrySet()) input(ps, sweepId, "SET", e.getKey(), e.getValue(), null);
                    for (var e : n.scenarioYaml().entrySet())
                        input(ps, sweepId, "SCENARIO", e.getKey(), ContentHash.text(e.getValue()), e.getValue());
                    ps.executeBatch();
                }
                return sweepId;
            });
            db.acknowledge();
            return id;
        } catch (SQLException e) {
            throw StoreException.because("could not store sweep " + n.name() + " (" + DataFolder.reason(e) + ")", e);
        }
    }

    private static void input(PreparedStatement ps, long sweepId, String kind, String name, String hash, String yaml)
            throws SQLException {
        ps.setLong(1, sweepId);
        ps.setString(2, kind);
        ps.setString(3, name);
        ps.setString(4, hash);
        ps.setString(5, yaml);
        ps.addBatch();
    }

    @Override
    public NewSweep started(long sweepId) {
        StoredSweep s = sweep(sweepId).orElseThrow();
        Map<String, String> variants = new LinkedHashMap<>();
        db.jdbc.sql("SELECT variant, policy_hash FROM sweep_variant WHERE sweep_id = ? ORDER BY variant")
                .param(sweepId).query(rs -> {
                    variants.put(rs.getString(1), rs.getString(2));
                });
        Map<String, String> sets = new LinkedHashMap<>();
        Map<String, String> scenarios = new LinkedHashMap<>();
        db.jdbc.sql("SELECT kind, name, content_hash, yaml FROM sweep_input WHERE sweep_id = ? ORDER BY kind, name")
                .param(sweepId).query(rs -> {
                    if (rs.getString(1).equals("SET")) sets.put(rs.getString(2), rs.getString(3));
                    else scenarios.put(rs.getString(2), rs.getString(4));
                });
        return new NewSweep(s.name(), s.source(), s.definition(), s.points(), s.engineVersion(), variants, sets,
                scenarios);
    }

    @Override
    public List<PolicyFile> policyFiles(String policyHash) {
        return H2Runs.policyFiles(db, policyHash);
    }

    @Override
    public void savePolicySnapshot(String policyHash, String policyId, int version, List<PolicyFile> files) {
        H2Runs.savePolicySnapshot(db, policyHash, policyId, version, files);
    }

    @Override
    public void savePoint(long sweepId, PointResult r) {
        String marks = "?, ".repeat(41);
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sweep_point (sweep_id, " + POINT_COLUMNS
                        + ") VALUES (" + marks.substring(0, marks.length() - 2) + ")")) {
                    SweepPoint p = r.point();
                    PointMetrics m = r.metrics();
                    int i = 1;
                    ps.setLong(i++, sweepId);
                    ps.setInt(i++, p.number());
                    ps.setString(i++, p.policyId());
                    ps.setString(i++, changes(p.changes()));
                    ps.setString(i++, r.policyHash());
                    ps.setString(i++, p.accountSet());
                    ps.setString(i++, r.setHash());
                    ps.setString(i++, p.scenario());
                    ps.setString(i++, r.scenarioHash());
                    ps.setBigDecimal(i++, p.severity());
                    ps.setBigDecimal(i++, p.fundScale());
                    if (p.seed() == null) ps.setNull(i++, Types.BIGINT);
                    else ps.setLong(i++, p.seed());
                    ps.setLong(i++, r.seed());
                    ps.setInt(i++, m.accounts());
                    ps.setInt(i++, m.positions());
                    for (BigDecimal v : List.of(m.openInterest(), m.shortfall(), m.fundStart(), m.fundMin(),
                            m.fundEnd(), m.fundPaid(), m.badDebt())) ps.setBigDecimal(i++, v);
                    ps.setInt(i++, m.liquidations());
                    ps.setInt(i++, m.accountsLiquidated());
                    ps.setBigDecimal(i++, m.liquidationNotional());
                    ps.setInt(i++, m.adlCount());
                    for (BigDecimal v : List.of(m.adlNotional(), m.adlCovered(), m.adlOvershoot(), m.socialized(),
                            m.haircutTotal())) ps.setBigDecimal(i++, v);
                    ps.setInt(i++, m.haircutAccounts());
                    ps.setDouble(i++, m.maxHaircutEquityShare());
                    ps.setDouble(i++, m.maxHaircutProfitShare());
                    ps.setBigDecimal(i++, m.top1Share());
                    ps.setBigDecimal(i++, m.concentration());
                    ps.setDouble(i++, m.marketImpact());
                    ps.setString(i++, m.resultDigest());
                    if (r.runId() == null) ps.setNull(i++, Types.BIGINT);
                    else ps.setLong(i++, r.runId());
                    ps.setLong(i++, r.engineMillis());
                    ps.setTimestamp(i, Timestamp.from(r.finishedAt()));
                    ps.executeUpdate();
                }
                return null;
            });
            db.acknowledge();
        } catch (SQLException e) {
            throw StoreException.because("could not store point " + r.point().number() + " of sweep " + sweepId + " ("
                    + DataFolder.reason(e) + ")", e);
        }
    }

    @Override
    public List<StoredSweep> sweeps() {
        return db.jdbc.sql(SWEEP_QUERY + " ORDER BY s.sweep_id DESC").query(H2Sweeps::sweep).list();
    }

    @Override
    public Optional<StoredSweep> sweep(long id) {
        return db.jdbc.sql(SWEEP_QUERY + " WHERE s.sweep_id = ?").param(id).query(H2Sweeps::sweep).optional();
    }

    private static final String SWEEP_QUERY = """
            SELECT s.sweep_id, s.name, s.source, s.definition, s.points,
                   (SELECT COUNT(*) FROM sweep_point p WHERE p.sweep_id = s.sweep_id), s.engine_version, s.created_at
            FROM sweep s""";

    private static StoredSweep sweep(ResultSet rs, int row) throws SQLException {
        return new StoredSweep(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getInt(6), rs.getString(7), rs.getTimestamp(8).toInstant());
    }

    @Override
    public List<PointResult> points(long sweepId) {
        return db.jdbc.sql("SELECT " + POINT_COLUMNS + " FROM sweep_point WHERE sweep_id = ? ORDER BY point_no")
                .param(sweepId).query(H2Sweeps::point).list();
    }

    private static PointResult point(ResultSet rs, int row) throws SQLException {
        int i = 1;
        int number = rs.getInt(i++);
        String policy = rs.getString(i++);
        Map<String, String> changes = changes(rs.getString(i++));
        String policyHash = rs.getString(i++);
        String set = rs.getString(i++);
        String setHash = rs.getString(i++);
        String scenario = rs.getString(i++);
        String scenarioHash = rs.getString(i++);
        BigDecimal severity = Db.dec(rs, i++);
        BigDecimal scale = Db.dec(rs, i++);
        long seedGiven = rs.getLong(i++);
        Long given = rs.wasNull() ? null : seedGiven;
        long seed = rs.getLong(i++);
        SweepPoint p = new SweepPoint(number, policy, changes, set, scenario, severity, scale, given);
        PointMetrics m = new PointMetrics(rs.getInt(i++), rs.getInt(i++), Db.dec(rs, i++), Db.dec(rs, i++),
                Db.dec(rs, i++), Db.dec(rs, i++), Db.dec(rs, i++), Db.dec(rs, i++), Db.dec(rs, i++), rs.getInt(i++),
                rs.getInt(i++), Db.dec(rs, i++), rs.getInt(i++), Db.dec(rs, i++), Db.dec(rs, i++), Db.dec(rs, i++),
                Db.dec(rs, i++), Db.dec(rs, i++), rs.getInt(i++), rs.getDouble(i++), rs.getDouble(i++),
                Db.dec(rs, i++), Db.dec(rs, i++), rs.getDouble(i++), rs.getString(i++));
        long runId = rs.getLong(i++);
        Long run = rs.wasNull() ? null : runId;
        long millis = rs.getLong(i++);
        return new PointResult(p, policyHash, setHash, scenarioHash, seed, m, run, millis,
                rs.getTimestamp(i).toInstant());
    }

    /** Changes as lines of {@code key=value}: a key never holds '=' or a line break, and neither does a value. */
    private static String changes(Map<String, String> changes) {
        StringBuilder b = new StringBuilder();
        changes.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    private static Map<String, String> changes(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }
}
