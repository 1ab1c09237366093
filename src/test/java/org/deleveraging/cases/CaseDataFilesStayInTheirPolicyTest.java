package org.deleveraging.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case is untrusted input: the accounts file it names is a relative path that stays inside its policy's folder,
 * also after following links. A case naming any other file fails alone, at the line of {@code accounts:}; the same
 * book read from inside the folder passes.
 */
class CaseDataFilesStayInTheirPolicyTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    static Path workspace;
    static Path policy;
    static Map<String, Verdict> verdicts = new TreeMap<>();

    /** The gap of bitmex case 003, its book in a CSV named on line 5. */
    private static final String CASE = """
            title: A gap the fund covers
            given:
              markets:
                XBTUSD: { tick: 0.5, lot: 1 }
              accounts: %s
              insuranceFund: { XBTUSD: 1000 }
            when:
              marks:
                - { XBTUSD: 1000 }
                - { XBTUSD: 980 }
            then:
              fundCovers:
                - { account: gapper, amount: 100 }
              funds: { XBTUSD: 900 }
            """;

    private static final String BOOK = """
            account,mode,wallet,market,side,size,entry,margin
            gapper,cross,100,XBTUSD,long,10,1000,
            winner,cross,100,XBTUSD,short,10,1000,
            """;

    @BeforeAll
    static void runCasesNamingFilesInsideAndOutsideTheirPolicy() throws IOException {
        policy = workspace.resolve("policies/bitmex");
        Files.createDirectories(policy.resolve("cases"));
        Files.createDirectories(policy.resolve("data"));
        Files.createDirectories(workspace.resolve("policies/other"));
        Files.copy(ROOT.resolve("policies/bitmex/policy.yaml"), policy.resolve("policy.yaml"));
        Files.writeString(policy.resolve("cases/book.csv"), BOOK);
        Files.writeString(policy.resolve("data/book.csv"), BOOK);
        Files.writeString(workspace.resolve("policies/other/book.csv"), BOOK);
        Files.writeString(workspace.resolve("outside.csv"), BOOK);
        Files.createSymbolicLink(policy.resolve("cases/linked-out.csv"), workspace.resolve("outside.csv"));
        Files.createSymbolicLink(policy.resolve("cases/linked-in.csv"), policy.resolve("data/book.csv"));

        write("001-beside-the-case.yaml", "book.csv");
        write("002-elsewhere-in-the-policy.yaml", "../data/book.csv");
        write("003-link-within-the-policy.yaml", "linked-in.csv");
        write("004-up-and-out.yaml", "../../../etc/passwd");
        write("005-absolute.yaml", "/etc/passwd");
        write("006-another-policy.yaml", "../../other/book.csv");
        write("007-link-out.yaml", "linked-out.csv");
        Verifier verifier = new Verifier(workspace.resolve("policies"), ROOT.resolve("rules"));
        for (Verifier.Item item : verifier.plan("bitmex")) verdicts.put(item.file().getFileName().toString(),
                verifier.run(item));
    }

    private static void write(String name, String accounts) throws IOException {
        Files.writeString(policy.resolve("cases").resolve(name), CASE.formatted(accounts));
    }

    private static String error(String file) {
        Verdict v = verdicts.get(file);
        assertThat(v.passed()).as(file + " must fail").isFalse();
        return v.error();
    }

    private static String where(String file) {
        return Display.of(policy.resolve("cases").resolve(file)) + ":5: given.accounts: ";
    }

    private static String policyFolder() { return "the policy's folder " + Display.of(policy) + "/"; }

    @Test
    void a_book_beside_the_case_elsewhere_in_the_policy_or_linked_within_it_is_read() {
        for (String ok : new String[] {"001-beside-the-case.yaml", "002-elsewhere-in-the-policy.yaml",
                "003-link-within-the-policy.yaml"})
            assertThat(verdicts.get(ok).passed()).as(ok + ": " + verdicts.get(ok).report()).isTrue();
    }

    @Test
    void a_path_up_and_out_of_the_policy_folder_is_refused() {
        assertThat(error("004-up-and-out.yaml"))
                .isEqualTo(where("004-up-and-out.yaml") + "'../../../etc/passwd' leads outside " + policyFolder());
    }

    @Test
    void an_absolute_path_is_refused() {
        assertThat(error("005-absolute.yaml"))
                .isEqualTo(where("005-absolute.yaml") + "'/etc/passwd' must be a path relative to " + policyFolder());
    }

    @Test
    void another_policy_s_file_is_refused() {
        assertThat(error("006-another-policy.yaml"))
                .isEqualTo(where("006-another-policy.yaml") + "'../../other/book.csv' leads outside " + policyFolder());
    }

    @Test
    void a_link_to_a_file_outside_the_policy_folder_is_refused() {
        assertThat(error("007-link-out.yaml"))
                .isEqualTo(where("007-link-out.yaml") + "'linked-out.csv' is a link to a file outside "
                        + policyFolder());
    }
}
