package org.deleveraging.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

/** Issue 21: the store opens with its data folder's secret only, not as {@code sa} with an empty password. */
class StoreCredentialsTest {
    @TempDir Path temp;

    @Test
    void a_fresh_data_folder_gets_an_owner_only_secret_and_the_store_opens_with_it() throws Exception {
        Path folder = temp.resolve("data");
        String url = url(folder);
        String password = StoreCredentials.passwordFor(url, "sa");

        Path secret = folder.resolve("workbench.secret");
        assertThat(secret).exists();
        assertThat(Files.readString(secret)).isEqualTo(password).matches("[0-9a-f]{64}");
        if (posix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        }
        assertThat(folder).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
        try (HikariDataSource ds = pool(url, password)) {
            JdbcClient.create(ds).sql("CREATE TABLE t (x INT)").update();
        }
        try (TempStore store = new TempStore(folder)) {
            assertThat(store.rows("account_set")).isZero();
        }
    }

    @Test
    void sa_with_an_empty_password_is_refused() throws Exception {
        String url = url(temp.resolve("data"));
        String password = StoreCredentials.passwordFor(url, "sa");
        try (Connection c = DriverManager.getConnection(url, "sa", password)) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close())
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28000");
    }

    @Test
    void a_data_folder_made_with_an_empty_password_is_given_the_secret_and_keeps_its_data() throws Exception {
        Path folder = temp.resolve("old");
        String url = url(folder);
        // as a workbench before issue 21 made it: sa, no password, no secret file
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("CREATE TABLE run (run_id INT PRIMARY KEY, policy_id VARCHAR(40))");
            c.createStatement().execute("INSERT INTO run VALUES (7, 'binance')");
        }
        if (posix()) Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

        String password = StoreCredentials.passwordFor(url, "sa");

        assertThat(folder.resolve("workbench.secret")).hasContent(password);
        try (HikariDataSource ds = pool(url, password)) {
            assertThat(JdbcClient.create(ds).sql("SELECT policy_id FROM run WHERE run_id = 7").query(String.class)
                    .single()).isEqualTo("binance");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close())
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28000");
        // the next start finds the secret already in place
        assertThat(StoreCredentials.passwordFor(url, "sa")).isEqualTo(password);
        // an existing folder's permissions are the user's
        if (posix()) assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void opening_twice_reuses_the_secret() {
        String url = url(temp.resolve("data"));
        String first = StoreCredentials.passwordFor(url, "sa");
        try (HikariDataSource ds = pool(url, first)) {
            JdbcClient.create(ds).sql("CREATE TABLE t (x INT)").update();
        }
        assertThat(StoreCredentials.passwordFor(url, "sa")).isEqualTo(first);
        try (HikariDataSource ds = pool(url, StoreCredentials.passwordFor(url, "sa"))) {
            assertThat(JdbcClient.create(ds).sql("SELECT COUNT(*) FROM t").query(Integer.class).single()).isZero();
        }
    }

    @Test
    void jvms_making_a_secret_at_the_same_time_agree_on_one() throws Exception {
        Path secret = temp.resolve("race/workbench.secret");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> made = new ArrayList<>();
            Callable<String> make = () -> StoreCredentials.secret(secret);
            for (int i = 0; i < 16; i++) made.add(threads.submit(make));
            Set<String> secrets = new java.util.HashSet<>();
            for (Future<String> f : made) secrets.add(f.get());
            assertThat(secrets).hasSize(1).containsExactly(Files.readString(secret));
        } finally {
            threads.shutdownNow();
        }
        assertThat(secret.getParent()).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void a_copied_secret_that_others_could_read_is_narrowed_to_its_owner() throws Exception {
        assumeThat(posix()).isTrue();
        String url = url(temp.resolve("data"));
        String password = StoreCredentials.passwordFor(url, "sa");
        Path secret = temp.resolve("data/workbench.secret");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(StoreCredentials.passwordFor(url, "sa")).isEqualTo(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    }

    @Test
    void a_lost_secret_is_said_so_and_not_papered_over() throws Exception {
        String url = url(temp.resolve("data"));
        try (Connection c = DriverManager.getConnection(url, "sa", StoreCredentials.passwordFor(url, "sa"))) {
            c.createStatement().execute("CREATE TABLE t (x INT)");
        }
        Files.delete(temp.resolve("data/workbench.secret"));
        assertThatThrownBy(() -> StoreCredentials.passwordFor(url, "sa")).isInstanceOf(StoreException.class)
                .hasMessageContaining("takes neither its secret").hasMessageContaining("workbench.secret");
    }

    @Test
    void a_given_password_and_urls_other_than_an_h2_file_are_left_as_they_are() {
        Path folder = temp.resolve("data");
        assertThat(StoreCredentials.passwordFor(url(folder), "sa", "chosen")).isEqualTo("chosen");
        assertThat(StoreCredentials.passwordFor("jdbc:h2:mem:test", "sa", "")).isEmpty();
        assertThat(StoreCredentials.passwordFor("jdbc:h2:mem:test", "sa", null)).isNull();
        assertThat(StoreCredentials.passwordFor("jdbc:h2:tcp://localhost/~/test", "sa", "")).isEmpty();
        assertThat(StoreCredentials.passwordFor(url(folder) + ";CIPHER=AES", "sa", "file user")).isEqualTo("file user");
        assertThat(StoreCredentials.passwordFor(url(folder) + ";PASSWORD=x", "sa", null)).isNull();
        assertThat(folder).doesNotExist();

        assertThat(StoreCredentials.databaseFile("jdbc:h2:file:./data/workbench;AUTO_SERVER=TRUE"))
                .contains(Path.of("data/workbench").toAbsolutePath());
        assertThat(StoreCredentials.databaseFile("jdbc:h2:./data/workbench"))
                .contains(Path.of("data/workbench").toAbsolutePath());
        assertThat(StoreCredentials.databaseFile("jdbc:h2:~/wb"))
                .contains(Path.of(System.getProperty("user.home"), "wb"));
        assertThat(StoreCredentials.databaseFile("jdbc:h2:mem:x")).isEmpty();
        assertThat(StoreCredentials.databaseFile("jdbc:postgresql://x/y")).isEmpty();
    }

    private static String url(Path folder) { return "jdbc:h2:file:" + folder.resolve("workbench").toAbsolutePath(); }

    private static HikariDataSource pool(String url, String password) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername("sa");
        ds.setPassword(password);
        ds.setMaximumPoolSize(1);
        return ds;
    }

    private boolean posix() { return temp.getFileSystem().supportedFileAttributeViews().contains("posix"); }
}
