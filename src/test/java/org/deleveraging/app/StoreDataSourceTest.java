package org.deleveraging.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

/** The workbench's pool (issue 21): the data folder's secret for an H2 file, what was configured for anything else. */
class StoreDataSourceTest {
    @TempDir Path folder;

    @Test
    void a_file_store_opens_with_its_secret_and_an_old_one_is_brought_over() throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("data/workbench");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("CREATE TABLE kept (x INT)");
            c.createStatement().execute("INSERT INTO kept VALUES (42)");
        }
        try (HikariDataSource data = new WorkbenchConfiguration().dataSource(properties(url, null))) {
            assertThat(data.getPassword()).isEqualTo(Files.readString(folder.resolve("data/workbench.secret")));
            assertThat(JdbcClient.create(data).sql("SELECT x FROM kept").query(Integer.class).single()).isEqualTo(42);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class);
    }

    @Test
    void a_configured_password_or_an_in_memory_store_is_used_as_given() {
        String url = "jdbc:h2:file:" + folder.resolve("data/workbench");
        try (HikariDataSource data = new WorkbenchConfiguration().dataSource(properties(url, "chosen"))) {
            assertThat(data.getPassword()).isEqualTo("chosen");
            assertThat(JdbcClient.create(data).sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
        }
        assertThat(folder.resolve("data/workbench.secret")).doesNotExist();
        try (HikariDataSource data = new WorkbenchConfiguration().dataSource(properties("jdbc:h2:mem:plain", null))) {
            assertThat(data.getPassword()).isNullOrEmpty();
            assertThat(JdbcClient.create(data).sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
        }
    }

    private static DataSourceProperties properties(String url, String password) {
        DataSourceProperties p = new DataSourceProperties();
        p.setUrl(url);
        p.setUsername("sa");
        p.setPassword(password);
        p.setBeanClassLoader(StoreDataSourceTest.class.getClassLoader());
        return p;
    }
}
