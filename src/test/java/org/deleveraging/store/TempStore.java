package org.deleveraging.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

/** A file-mode H2 store in a temporary folder, migrated from empty by the shipped Flyway scripts, on a fixed clock. */
public final class TempStore implements AutoCloseable {
    public static final Instant NOW = Instant.parse("2025-10-10T21:00:00Z");

    public final HikariDataSource dataSource = new HikariDataSource();
    public final H2WorkbenchStore store;
    public final JdbcClient sql;

    public TempStore(Path folder) {
        dataSource.setJdbcUrl("jdbc:h2:file:" + folder.resolve("wb").toAbsolutePath());
        dataSource.setUsername("sa");
        dataSource.setPassword(StoreCredentials.passwordFor(dataSource.getJdbcUrl(), "sa"));
        dataSource.setMaximumPoolSize(3);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        store = new H2WorkbenchStore(dataSource, Clock.fixed(NOW, ZoneOffset.UTC));
        sql = JdbcClient.create(dataSource);
    }

    public int rows(String table) { return sql.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single(); }

    @Override
    public void close() { dataSource.close(); }
}
