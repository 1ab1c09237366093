package org.deleveraging.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.deleveraging.input.DuplicateNameException;
import org.deleveraging.scenario.ScenarioRepository;
import org.deleveraging.scenario.StoredScenario;

/** Imported scenarios in H2, one row each with the YAML as imported. */
final class H2Scenarios implements ScenarioRepository {
    private final Db db;

    H2Scenarios(Db db) { this.db = db; }

    @Override
    public void saveScenario(StoredScenario s) {
        if (scenario(s.name()).isPresent())
            throw new DuplicateNameException("a scenario named '" + s.name()
                    + "' was imported already; choose another name");
        db.jdbc.sql("INSERT INTO scenario (name, source, yaml, content_hash, imported_at) VALUES (?, ?, ?, ?, ?)")
                .param(s.name()).param(Db.clip(s.source(), 1000)).param(s.yaml()).param(s.hash())
                .param(Timestamp.from(s.importedAt())).update();
        db.acknowledge();
    }

    @Override
    public List<StoredScenario> scenarios() {
        return db.jdbc.sql("SELECT name, source, yaml, content_hash, imported_at FROM scenario ORDER BY name")
                .query(H2Scenarios::scenario).list();
    }

    @Override
    public Optional<StoredScenario> scenario(String name) {
        return db.jdbc.sql("SELECT name, source, yaml, content_hash, imported_at FROM scenario WHERE name = ?")
                .param(name)
                .query(H2Scenarios::scenario).optional();
    }

    private static StoredScenario scenario(ResultSet rs, int row) throws SQLException {
        return new StoredScenario(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }

}
