package org.deleveraging.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every YAML input (policies, scenarios, cases, markets files) shares: keys once, numbers within bounds. */
class YamlNodeTest {
    @TempDir Path folder;

    private static YamlNode yaml(String text) { return YamlNode.parse(text, "f.yaml"); }

    @Test
    void a_key_given_twice_in_one_mapping_is_refused_at_its_second_line() {
        YamlNode root = yaml("""
                name: a
                seed: 1
                name: b
                """);
        assertThatThrownBy(() -> root.get("seed")).isInstanceOf(InputException.class)
                .hasMessage("f.yaml:3: name: key given twice (first on line 1)");
        YamlNode nested = yaml("""
                start: { BTCUSDT: 1, ETHUSDT: 2, BTCUSDT: 3 }
                """);
        assertThatThrownBy(() -> nested.get("start").asMap())
                .hasMessage("f.yaml:1: start.BTCUSDT: key given twice (first on line 1)");
    }

    @Test
    void the_same_key_in_two_mappings_is_not_a_duplicate() {
        YamlNode root = yaml("""
                a: { x: 1 }
                b: { x: 2 }
                """);
        assertThat(root.get("a").get("x").decimal()).isEqualByComparingTo("1");
        assertThat(root.get("b").get("x").decimal()).isEqualByComparingTo("2");
    }

    @Test
    void a_number_out_of_its_bound_names_file_line_and_field() {
        YamlNode root = yaml("""
                start:
                  BTCUSDT: 1E999999999
                  ETHUSDT: 4000.0000000000001
                """);
        assertThatThrownBy(() -> root.get("start").get("BTCUSDT").positive(Bound.PRICE))
                .hasMessage("f.yaml:2: start.BTCUSDT: out of range: at most 1e12 for a price, got '1E999999999'");
        assertThatThrownBy(() -> root.get("start").get("ETHUSDT").positive(Bound.PRICE))
                .hasMessage("f.yaml:3: start.ETHUSDT: too precise: at most 12 decimal places for a price, got "
                        + "'4000.0000000000001'");
    }

    @Test
    void a_percentage_is_bounded_as_the_fraction_it_reads_as() {
        YamlNode root = yaml("""
                near: -13.5%
                far: 1E999999999%
                scale: 1e-2147483647%
                """);
        assertThat(root.get("near").decimal(Bound.RATE)).isEqualTo(new java.math.BigDecimal("-0.135"));
        assertThatThrownBy(() -> root.get("far").decimal(Bound.RATE))
                .hasMessage("f.yaml:2: far: out of range: at most 1e3 for a rate, got '1E999999999%'");
        assertThatThrownBy(() -> root.get("scale").decimal(Bound.RATE))
                .hasMessage(
                        "f.yaml:3: scale: out of range: at most 1e3 for a rate, with at most 12 decimal places, got "
                        + "'1e-2147483647%'");
    }

    @Test
    void whole_numbers_keep_their_own_range_and_a_huge_one_is_refused_cheaply() {
        YamlNode root = yaml("""
                seed: 9223372036854775807
                big: 1E999999999
                """);
        assertThat(root.get("seed").longValue()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> root.get("big").longValue())
                .hasMessage("f.yaml:2: big: expected a whole number, got '1E999999999'");
    }

    @Test
    void a_file_that_is_not_utf8_names_the_line_of_its_first_bad_byte() throws Exception {
        Path file = folder.resolve("latin1.yaml");
        Files.write(file, "name: a\ndescription: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> YamlNode.load(file, "latin1.yaml"))
                .hasMessage("latin1.yaml:2: not UTF-8 text (byte 0xE9); save the file as UTF-8");
        Path good = folder.resolve("utf8.yaml");
        Files.writeString(good, "name: a\ndescription: caf\u00e9\n", StandardCharsets.UTF_8);
        assertThat(YamlNode.load(good, "utf8.yaml").get("description").text()).isEqualTo("caf\u00e9");
    }
}
