package org.deleveraging.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.deleveraging.domain.Money;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the store's repositories share: the database, its transactions, and the durable acknowledgement. */
final class Db {
    final DataSource dataSource;
    final JdbcClient jdbc;

    Db(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** The tables holding one item's rows (a run's, a set's), children first, each keyed by the same id column. */
    record Rows(String key, List<String> tables) {
        /** Deletes the item's rows, table by table, each in its own statement. */
        void delete(JdbcClient jdbc, long id) {
            for (String table : tables)
                jdbc.sql("DELETE FROM " + table + " WHERE " + key + " = ?").param(id).update();
        }
    }

    /** Work on one connection in one transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of its own with auto-commit off: committed when it returns (it may commit
     * on the way), rolled back when it throws.
     */
    <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * Makes everything committed so far durable: H2 writes its unsaved pages to the file and the file is fsync'ed.
     * Called after the last commit of every write the workbench reports as done, before it is reported.
     */
    void acknowledge() {
        try {
            jdbc.sql("CHECKPOINT SYNC").update();
        } catch (RuntimeException e) {
            throw StoreException.because("could not write the store to disk (" + DataFolder.reason(e) + ")", e);
        }
    }

    static BigDecimal dec(ResultSet rs, int column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return v == null ? null : Money.clean(v);
    }

    static String marks(Map<String, BigDecimal> marks) {
        StringBuilder b = new StringBuilder();
        marks.forEach((k, v) -> b.append(b.isEmpty() ? "" : ";").append(k).append('=')
                .append(Money.clean(v).toPlainString()));
        return b.toString();
    }

    static Map<String, BigDecimal> parseMarks(String text) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) return out;
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            out.put(part.substring(0, eq), new BigDecimal(part.substring(eq + 1)));
        }
        return out;
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
